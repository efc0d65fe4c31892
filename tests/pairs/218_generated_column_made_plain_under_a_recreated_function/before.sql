-- A generated column calling a function dropped and created (a parameter is renamed) is
-- made plain in the same change: `DROP EXPRESSION` goes before the function's drop, and
-- the down, which adds the column again generated, after its creation.
CREATE FUNCTION doubled(m integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT m * 2 $$;

CREATE TABLE readings (
    id integer PRIMARY KEY,
    v integer NOT NULL,
    v2 integer GENERATED ALWAYS AS (doubled(v)) STORED
);
CREATE INDEX readings_v2_idx ON readings (v2);
