CREATE TYPE pair AS (a integer, b integer);
CREATE FUNCTION make_pair(x integer) RETURNS pair LANGUAGE sql IMMUTABLE AS $$ SELECT ROW(x, x * 2)::pair $$;
CREATE FUNCTION pair_sum(p pair) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT p.a + p.b $$;
CREATE TABLE t (id integer PRIMARY KEY, p pair DEFAULT make_pair(1));
CREATE INDEX t_sum_idx ON t (pair_sum(p));
