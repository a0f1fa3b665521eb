SELECT status, COUNT(*)
