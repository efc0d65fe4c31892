-- The operator <<>> changes (another function) and util.## stands over a function dropped
-- and created (a parameter is renamed): each is dropped and created, and the column
-- defaults, the CHECK, the policy and the domain's CHECK and default that use them are
-- taken off before and put back after.
CREATE SCHEMA util;

CREATE FUNCTION gap(x integer, y integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT abs(x - y) $$;
CREATE FUNCTION distance(x integer, y integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT abs(x - y) $$;
CREATE OPERATOR <<>> (LEFTARG = integer, RIGHTARG = integer, FUNCTION = gap);

CREATE FUNCTION util.twice(n integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT n * 2 $$;
CREATE OPERATOR util.## (RIGHTARG = integer, FUNCTION = util.twice);

CREATE DOMAIN near_zero AS integer DEFAULT (2 <<>> 1) CHECK ((VALUE <<>> 0) < 100);

CREATE TABLE items (
    id integer PRIMARY KEY,
    a integer DEFAULT (1 <<>> 2),
    b integer DEFAULT (OPERATOR(util.##) 2),
    c near_zero,
    CONSTRAINT items_near CHECK ((a <<>> b) < 10)
);
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
CREATE POLICY near ON items USING ((a <<>> b) < 5);
CREATE POLICY twice ON items FOR INSERT WITH CHECK ((OPERATOR(util.##) a) > 0);
-- Untouched: uses neither.
CREATE TABLE plain (id integer DEFAULT 1 CHECK (id > 0));
