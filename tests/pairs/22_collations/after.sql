CREATE TABLE words (w text COLLATE "C", v varchar(20), x text COLLATE "POSIX");
