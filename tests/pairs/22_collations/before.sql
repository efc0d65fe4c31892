CREATE TABLE words (w text, v varchar(20) COLLATE "C");
