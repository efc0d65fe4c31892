-- The operator === and the aggregate total change: each is dropped and created, and the
-- views, the materialized view (with its index) and the indexes using them go before and
-- come back after.
CREATE TYPE pair AS (a integer, b integer);

CREATE FUNCTION pair_eq(l pair, r pair) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT l.a = r.a AND l.b = r.b $$;
CREATE FUNCTION pair_same(l pair, r pair) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT l.a = r.a AND l.b = r.b $$;
CREATE OPERATOR === (LEFTARG = pair, RIGHTARG = pair, FUNCTION = pair_same);

CREATE FUNCTION add_int(acc bigint, x integer) RETURNS bigint LANGUAGE sql IMMUTABLE
    AS $$ SELECT acc + x $$;
CREATE AGGREGATE total(integer) (SFUNC = add_int, STYPE = bigint, INITCOND = '0');

CREATE TABLE items (
    id integer PRIMARY KEY,
    p pair,
    q pair,
    n integer
);
CREATE INDEX items_same_idx ON items (id) WHERE p === q;
CREATE INDEX items_eq_idx ON items ((p === q));

CREATE VIEW same_items AS SELECT id FROM items WHERE p === q;
CREATE VIEW totals AS SELECT total(n) AS total FROM items;
CREATE VIEW big_totals AS SELECT total FROM totals WHERE total > 10;
CREATE MATERIALIZED VIEW item_totals AS SELECT id, total(n) AS t FROM items GROUP BY id;
CREATE INDEX item_totals_t_idx ON item_totals (t);
COMMENT ON VIEW same_items IS 'pairs that match';
