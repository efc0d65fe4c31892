CREATE SCHEMA s;

CREATE FUNCTION s.collect(state double precision[], v double precision)
    RETURNS double precision[] LANGUAGE sql IMMUTABLE AS $$ SELECT state || v $$;
CREATE FUNCTION s.pct_final(state double precision[], fraction double precision)
    RETURNS double precision LANGUAGE sql IMMUTABLE
    AS $$ SELECT x FROM unnest(state) AS x ORDER BY x
          OFFSET floor(fraction * greatest(cardinality(state) - 1, 0)) LIMIT 1 $$;
CREATE AGGREGATE s.pct(float8 ORDER BY float8) (
    SFUNC = s.collect, STYPE = float8[], FINALFUNC = s.pct_final, INITCOND = '{}');
COMMENT ON AGGREGATE s.pct(float8 ORDER BY float8) IS 'a percentile';
