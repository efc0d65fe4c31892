-- The function's body changes in place (the type stays); a new range type names its new
-- function unqualified, along the search path, and a table excludes overlaps of it.
CREATE SCHEMA cal;
CREATE FUNCTION cal.hour_diff(a timestamp, b timestamp) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT extract(epoch FROM a - b) / 3600.0 $$;
CREATE TYPE cal.shift AS RANGE (SUBTYPE = timestamp, SUBTYPE_DIFF = cal.hour_diff);
CREATE TABLE cal.shifts (id integer PRIMARY KEY, during cal.shift);

SET search_path = cal, public;
CREATE FUNCTION day_diff(a date, b date) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT (a - b)::double precision $$;
CREATE TYPE dayspan AS RANGE (SUBTYPE = date, SUBTYPE_DIFF = day_diff);
CREATE TABLE holidays (
    id integer PRIMARY KEY,
    span dayspan NOT NULL,
    EXCLUDE USING gist (span WITH &&)
);
