CREATE TABLE sites (id integer PRIMARY KEY, name text);
