-- A base type whose STORAGE and ANALYZE change (ALTER TYPE … SET, in place) while a
-- column uses it; its comment changes too.
CREATE TYPE mytext;
CREATE FUNCTION mytext_in(cstring) RETURNS mytext
    LANGUAGE internal IMMUTABLE STRICT AS 'textin';
CREATE FUNCTION mytext_out(mytext) RETURNS cstring
    LANGUAGE internal IMMUTABLE STRICT AS 'textout';
CREATE TYPE mytext (
    INPUT = mytext_in,
    OUTPUT = mytext_out,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = main,
    ANALYZE = array_typanalyze
);
COMMENT ON TYPE mytext IS 'after';
CREATE TABLE notes (id integer PRIMARY KEY, body mytext);
