-- The functions under the operators and the aggregate are dropped and created (a
-- parameter is renamed, a result type changes): the operators and the aggregate go and
-- come back with them, and so do the views and the indexes that use those.
CREATE SCHEMA util;
CREATE TYPE pair AS (a integer, b integer);

CREATE FUNCTION pair_eq(x pair, y pair) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT x.a = y.a AND x.b = y.b $$;
CREATE OPERATOR === (LEFTARG = pair, RIGHTARG = pair, FUNCTION = pair_eq);

CREATE FUNCTION util.twice(n integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT n * 2 $$;
CREATE OPERATOR util.## (RIGHTARG = integer, FUNCTION = util.twice);

CREATE FUNCTION add_int(acc bigint, v integer) RETURNS bigint LANGUAGE sql IMMUTABLE
    AS $$ SELECT acc + v $$;
CREATE AGGREGATE util.total(integer) (SFUNC = add_int, STYPE = bigint);

CREATE TABLE items (
    id integer PRIMARY KEY,
    p pair,
    q pair,
    n integer
);
CREATE INDEX items_same_idx ON items (id) WHERE p === q;
CREATE INDEX items_twice_idx ON items ((OPERATOR(util.##) n));

CREATE VIEW same_items AS SELECT id, OPERATOR(util.##) n AS n2 FROM items WHERE p === q;
CREATE VIEW totals AS SELECT util.total(n) AS total FROM items;
-- Untouched: uses neither.
CREATE VIEW ids AS SELECT id FROM items;
