CREATE TABLE anchor (id integer PRIMARY KEY);
