-- An enum with no values (`AS ENUM ()`) has no pg_enum rows: it is still read back.
CREATE TYPE color AS ENUM ('red', 'green');
CREATE TYPE size AS ENUM ();
CREATE TYPE flavour AS ENUM ();
COMMENT ON TYPE flavour IS 'values come later';
CREATE TABLE shirts (id integer, c color);
