CREATE SCHEMA old_stuff;
CREATE TABLE old_stuff.junk (id integer PRIMARY KEY);
CREATE TABLE main_table (id integer PRIMARY KEY);
