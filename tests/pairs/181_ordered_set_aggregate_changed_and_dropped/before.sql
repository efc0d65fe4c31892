CREATE SCHEMA s;
CREATE TABLE s.t (id integer PRIMARY KEY, x double precision NOT NULL);

CREATE FUNCTION s.collect(state double precision[], v double precision)
    RETURNS double precision[] LANGUAGE sql IMMUTABLE AS $$ SELECT state || v $$;
CREATE FUNCTION s.pct_final(state double precision[], fraction double precision, v double precision)
    RETURNS double precision LANGUAGE sql IMMUTABLE
    AS $$ SELECT x FROM unnest(state) AS x ORDER BY x
          OFFSET floor(fraction * greatest(cardinality(state) - 1, 0)) LIMIT 1 $$;
CREATE AGGREGATE s.pct(float8 ORDER BY float8) (
    SFUNC = s.collect, STYPE = float8[], FINALFUNC = s.pct_final, FINALFUNC_EXTRA,
    INITCOND = '{}');
COMMENT ON AGGREGATE s.pct(float8 ORDER BY float8) IS 'a percentile';

CREATE FUNCTION s.rank_of_final(state double precision[], h double precision, v double precision)
    RETURNS bigint LANGUAGE sql IMMUTABLE
    AS $$ SELECT 1 + count(*) FROM unnest(state) AS x WHERE x < h $$;
CREATE AGGREGATE s.rank_of(float8 ORDER BY float8) (
    SFUNC = s.collect, STYPE = float8[], FINALFUNC = s.rank_of_final, FINALFUNC_EXTRA,
    INITCOND = '{}', HYPOTHETICAL);

CREATE AGGREGATE s.rnk(VARIADIC "any" ORDER BY VARIADIC "any") (
    SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final,
    FINALFUNC_EXTRA, HYPOTHETICAL);

-- The view uses only the aggregate that does not change (a view over an aggregate that is
-- dropped and created is not recreated with it, see docs/SUPPORTED.md).
CREATE VIEW s.ranks AS SELECT s.rnk(2.5) WITHIN GROUP (ORDER BY x) AS rnk FROM s.t;
