-- A base type with its I/O functions (no C code: the built-in text ones), a table column
-- of it and a comment, created from nothing: its shell, then the functions, then the type.
CREATE TABLE notes (id integer PRIMARY KEY);
