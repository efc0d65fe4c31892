-- A range type whose SUBTYPE_DIFF is a function of the same files: the function comes
-- first, and goes after the type.
CREATE SCHEMA cal;
CREATE FUNCTION cal.hour_diff(a timestamp, b timestamp) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT extract(epoch FROM a - b) / 3600 $$;
CREATE TYPE cal.shift AS RANGE (SUBTYPE = timestamp, SUBTYPE_DIFF = cal.hour_diff);
CREATE TABLE cal.shifts (id integer PRIMARY KEY, during cal.shift);
