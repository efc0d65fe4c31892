CREATE TABLE plain (id integer PRIMARY KEY);
