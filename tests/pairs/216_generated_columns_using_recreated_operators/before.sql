-- The operator <<>> changes (another function) and util.## stands over a function dropped
-- and created (a parameter is renamed): each is dropped and created, and the generated
-- columns using them are dropped before and added after, with the index and the CHECK on
-- them.
CREATE SCHEMA util;

CREATE FUNCTION gap(x integer, y integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT abs(x - y) $$;
CREATE FUNCTION distance(x integer, y integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT abs(x - y) $$;
CREATE OPERATOR <<>> (LEFTARG = integer, RIGHTARG = integer, FUNCTION = distance);

CREATE FUNCTION util.twice(m integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT m * 2 $$;
CREATE OPERATOR util.## (RIGHTARG = integer, FUNCTION = util.twice);

CREATE TABLE points (
    id integer PRIMARY KEY,
    a integer NOT NULL,
    b integer NOT NULL,
    dist integer GENERATED ALWAYS AS (a <<>> b) STORED,
    doubled integer GENERATED ALWAYS AS (OPERATOR(util.##) a) STORED,
    CONSTRAINT points_doubled_small CHECK (doubled < 1000)
);
CREATE INDEX points_dist_idx ON points (dist);
