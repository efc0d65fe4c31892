CREATE TABLE parent (id integer PRIMARY KEY, name text);
