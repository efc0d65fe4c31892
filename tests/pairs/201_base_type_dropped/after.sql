-- A base type dropped with the table column and the domain using it: the column and the
-- domain go first, then DROP TYPE … CASCADE takes the I/O functions; the down file
-- creates the shell, the functions and the type again, then the domain and the column.
CREATE SCHEMA lex;
CREATE TABLE lex.entries (id integer PRIMARY KEY);
CREATE TABLE lex.kept (id integer PRIMARY KEY);
