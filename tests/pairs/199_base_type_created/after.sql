-- A base type with its I/O functions (no C code: the built-in text ones), a table column
-- of it and a comment, created from nothing: its shell, then the functions, then the type.
-- A function over the type that is not one of its I/O functions comes after the type; an
-- array column uses the array type PostgreSQL creates beside it.
CREATE TYPE mytext;
CREATE FUNCTION mytext_in(cstring) RETURNS mytext
    LANGUAGE internal IMMUTABLE STRICT AS 'textin';
CREATE FUNCTION mytext_out(mytext) RETURNS cstring
    LANGUAGE internal IMMUTABLE STRICT AS 'textout';
CREATE TYPE mytext (
    INPUT = mytext_in,
    OUTPUT = mytext_out,
    LIKE = text,
    CATEGORY = 'S'
);
COMMENT ON TYPE mytext IS 'text by another name';
CREATE FUNCTION mytext_length(mytext) RETURNS integer
    LANGUAGE internal IMMUTABLE STRICT AS 'textlen';
CREATE TABLE notes (id integer PRIMARY KEY, body mytext, tags mytext[]);
