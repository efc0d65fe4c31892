-- A base type dropped with the table column and the domain using it: the column and the
-- domain go first, then DROP TYPE … CASCADE takes the I/O functions; the down file
-- creates the shell, the functions and the type again, then the domain and the column.
CREATE SCHEMA lex;
CREATE TYPE lex.word;
CREATE FUNCTION lex.word_in(cstring) RETURNS lex.word
    LANGUAGE internal IMMUTABLE STRICT AS 'textin';
CREATE FUNCTION lex.word_out(lex.word) RETURNS cstring
    LANGUAGE internal IMMUTABLE STRICT AS 'textout';
CREATE FUNCTION lex.word_recv(internal) RETURNS lex.word
    LANGUAGE internal IMMUTABLE STRICT AS 'textrecv';
CREATE FUNCTION lex.word_send(lex.word) RETURNS bytea
    LANGUAGE internal IMMUTABLE STRICT AS 'textsend';
CREATE TYPE lex.word (
    INPUT = lex.word_in,
    OUTPUT = lex.word_out,
    RECEIVE = lex.word_recv,
    SEND = lex.word_send,
    INTERNALLENGTH = VARIABLE,
    STORAGE = extended,
    COLLATABLE = true,
    DEFAULT = 'none'
);
COMMENT ON TYPE lex.word IS 'a word';
CREATE DOMAIN lex.short_word AS lex.word;
CREATE TABLE lex.entries (id integer PRIMARY KEY, headword lex.word, alias lex.short_word);
CREATE TABLE lex.kept (id integer PRIMARY KEY);
