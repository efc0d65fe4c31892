CREATE TABLE t_a (a integer PRIMARY KEY, b integer, UNIQUE (a), UNIQUE (b), UNIQUE (b));
