-- A base type with its I/O functions (no C code: the built-in text ones), a table column
-- of it and a comment, created from nothing: its shell, then the functions, then the type.
-- A function over the type that is not one of its I/O functions comes after the type; an
-- array column uses the array type PostgreSQL creates beside it.
CREATE TABLE notes (id integer PRIMARY KEY);
