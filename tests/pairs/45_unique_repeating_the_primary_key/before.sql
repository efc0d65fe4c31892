CREATE TABLE t_a (a integer PRIMARY KEY, UNIQUE (a));
