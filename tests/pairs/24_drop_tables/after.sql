CREATE TABLE survivor (id integer PRIMARY KEY);
