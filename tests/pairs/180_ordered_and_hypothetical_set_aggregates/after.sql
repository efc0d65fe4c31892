CREATE SCHEMA s;
CREATE TABLE s.t (id integer PRIMARY KEY, x double precision NOT NULL);

-- The state is an array of the values seen; the final functions sort it themselves
-- (PostgreSQL leaves sorting to an ordered-set aggregate's support functions).
CREATE FUNCTION s.collect(state double precision[], v double precision)
    RETURNS double precision[] LANGUAGE sql IMMUTABLE AS $$ SELECT state || v $$;
CREATE FUNCTION s.pct_final(state double precision[], fraction double precision, v double precision)
    RETURNS double precision LANGUAGE sql IMMUTABLE
    AS $$ SELECT x FROM unnest(state) AS x ORDER BY x
          OFFSET floor(fraction * greatest(cardinality(state) - 1, 0)) LIMIT 1 $$;

-- Ordered-set: one direct argument, one aggregated; explicit defaults compare equal to
-- omitted ones (FINALFUNC_MODIFY is READ_WRITE for an ordered-set aggregate).
CREATE AGGREGATE s.pct(float8 ORDER BY float8) (
    SFUNC = s.collect, STYPE = float8[], FINALFUNC = s.pct_final, FINALFUNC_EXTRA,
    FINALFUNC_MODIFY = READ_WRITE, INITCOND = '{}', PARALLEL = UNSAFE);
COMMENT ON AGGREGATE s.pct(float8 ORDER BY float8) IS 'a percentile';

-- No direct argument.
CREATE FUNCTION s.lowest_final(state double precision[]) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN (SELECT min(x) FROM unnest(state) AS x); END $$;
CREATE AGGREGATE s.lowest(ORDER BY double precision) (
    SFUNC = s.collect, STYPE = double precision[], FINALFUNC = s.lowest_final,
    FINALFUNC_MODIFY = SHAREABLE, INITCOND = '{}');

-- Hypothetical-set over user functions: the direct argument is the hypothetical row.
CREATE FUNCTION s.rank_of_final(state double precision[], h double precision, v double precision)
    RETURNS bigint LANGUAGE sql IMMUTABLE
    AS $$ SELECT 1 + count(*) FROM unnest(state) AS x WHERE x < h $$;
CREATE AGGREGATE s.rank_of(float8 ORDER BY float8) (
    SFUNC = s.collect, STYPE = float8[], FINALFUNC = s.rank_of_final, FINALFUNC_EXTRA,
    INITCOND = '{}', HYPOTHETICAL);

-- Hypothetical-set over PostgreSQL's own support functions, as rank() is defined.
CREATE AGGREGATE s.rnk(VARIADIC "any" ORDER BY VARIADIC "any") (
    SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final,
    FINALFUNC_EXTRA, HYPOTHETICAL);
COMMENT ON AGGREGATE s.rnk(VARIADIC "any" ORDER BY VARIADIC "any") IS 'a rank';

CREATE VIEW s.stats AS
    SELECT s.pct(0.5) WITHIN GROUP (ORDER BY x) AS median,
           s.lowest() WITHIN GROUP (ORDER BY x) AS low,
           s.rank_of(2.5) WITHIN GROUP (ORDER BY x) AS rank_of,
           s.rnk(2.5) WITHIN GROUP (ORDER BY x) AS rnk
    FROM s.t;
