select a collate nocase = b, (a || b) collate "binary", a like 'x!%' escape '!', a not glob 'b*', a regexp 'c', a match 'd'
