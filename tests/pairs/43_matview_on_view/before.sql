CREATE TABLE m (id integer PRIMARY KEY, g text, v numeric);
