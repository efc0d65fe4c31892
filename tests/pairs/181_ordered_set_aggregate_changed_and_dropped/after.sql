CREATE SCHEMA s;
CREATE TABLE s.t (id integer PRIMARY KEY, x double precision NOT NULL);

CREATE FUNCTION s.collect(state double precision[], v double precision)
    RETURNS double precision[] LANGUAGE sql IMMUTABLE AS $$ SELECT state || v $$;

-- Its final function is replaced (the old one is dropped after the aggregate) and
-- FINALFUNC_MODIFY changes: the aggregate is dropped and created.
CREATE FUNCTION s.pct_cont_final(state double precision[], fraction double precision)
    RETURNS double precision LANGUAGE sql IMMUTABLE
    AS $$ SELECT avg(x) FROM (SELECT x FROM unnest(state) AS x ORDER BY x
          OFFSET floor(fraction * greatest(cardinality(state) - 1, 0)) LIMIT 2) AS two $$;
CREATE AGGREGATE s.pct(float8 ORDER BY float8) (
    SFUNC = s.collect, STYPE = float8[], FINALFUNC = s.pct_cont_final,
    FINALFUNC_MODIFY = SHAREABLE, INITCOND = '{}');
-- Named with its argument types run together, as PostgreSQL also accepts.
COMMENT ON AGGREGATE s.pct(float8, float8) IS 'a continuous percentile';

-- rank_of and its final function are dropped (the aggregate first).

-- Unchanged but for its comment; the shared VARIADIC argument named once.
CREATE AGGREGATE s.rnk(VARIADIC "any" ORDER BY VARIADIC "any") (
    SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final,
    FINALFUNC_EXTRA, FINALFUNC_MODIFY = READ_WRITE, HYPOTHETICAL);
COMMENT ON AGGREGATE s.rnk(VARIADIC "any" ORDER BY VARIADIC "any") IS 'a rank';

CREATE VIEW s.ranks AS SELECT s.rnk(2.5) WITHIN GROUP (ORDER BY x) AS rnk FROM s.t;
