SELECT 'x''́y' AS 'a"֬b', "c""֬"
