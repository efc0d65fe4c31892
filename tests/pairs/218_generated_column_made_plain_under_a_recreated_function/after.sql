-- A generated column calling a function dropped and created (a parameter is renamed) is
-- made plain in the same change: `DROP EXPRESSION` goes before the function's drop, and
-- the down, which adds the column again generated, after its creation.
CREATE FUNCTION doubled(n integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT n * 2 $$;

CREATE TABLE readings (
    id integer PRIMARY KEY,
    v integer NOT NULL,
    v2 integer
);
CREATE INDEX readings_v2_idx ON readings (v2);
