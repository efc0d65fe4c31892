CREATE SCHEMA util;
CREATE TYPE pair AS (a integer, b integer);

-- The old aggregate syntax (BASETYPE), as ledgersmb writes it.
CREATE FUNCTION concat_colon(text, text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN $1 IS NULL THEN $2 ELSE $1 || ':' || $2 END $$;
CREATE AGGREGATE concat_colon (BASETYPE = text, STYPE = text, SFUNC = concat_colon);
COMMENT ON AGGREGATE concat_colon(text) IS 'colon list';

CREATE FUNCTION util.add_pair(acc integer, p pair) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT acc + p.a + p.b $$;
CREATE AGGREGATE util.sum_pairs(pair) (SFUNC = util.add_pair, STYPE = integer, INITCOND = '0');

CREATE FUNCTION gone_step(bigint, anyelement) RETURNS bigint LANGUAGE sql AS $$ SELECT $1 + 1 $$;
CREATE AGGREGATE gone_count(anyelement) (SFUNC = gone_step, STYPE = bigint, INITCOND = 0);

-- A built-in transition function.
CREATE AGGREGATE total(bigint) (SFUNC = int8pl, STYPE = bigint);

CREATE FUNCTION pair_eq(l pair, r pair) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT l.a = r.a AND l.b = r.b $$;
CREATE OPERATOR === (LEFTARG = pair, RIGHTARG = pair, PROCEDURE = pair_eq, COMMUTATOR = ===);
COMMENT ON OPERATOR === (pair, pair) IS 'pairs are equal';
