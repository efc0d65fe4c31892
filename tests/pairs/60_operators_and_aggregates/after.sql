CREATE SCHEMA util;
CREATE TYPE pair AS (a integer, b integer);

-- Same aggregate in the new syntax; only its comment changes.
CREATE FUNCTION concat_colon(text, text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN $1 IS NULL THEN $2 ELSE $1 || ':' || $2 END $$;
CREATE AGGREGATE concat_colon (text) (sfunc = concat_colon, stype = text, parallel = unsafe);
COMMENT ON AGGREGATE concat_colon(text) IS 'colon-separated list';

-- Changed definition: dropped and created.
CREATE FUNCTION util.add_pair(acc integer, p pair) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT acc + p.a + p.b $$;
CREATE AGGREGATE util.sum_pairs(pair) (SFUNC = util.add_pair, STYPE = integer, INITCOND = '100', PARALLEL = SAFE);

CREATE AGGREGATE total(bigint) (SFUNC = int8pl, STYPE = bigint);

-- New: polymorphic, with a final function, over a user function.
CREATE FUNCTION array_push(anyarray, anyelement) RETURNS anyarray LANGUAGE sql IMMUTABLE
    AS $$ SELECT array_append($1, $2) $$;
CREATE FUNCTION util.first_of(anyarray) RETURNS anyelement LANGUAGE sql IMMUTABLE
    AS $$ SELECT $1[1] $$;
CREATE AGGREGATE as_array (BASETYPE = ANYELEMENT, STYPE = ANYARRAY, SFUNC = array_push, INITCOND = '{}');
CREATE AGGREGATE util.first_value(anyelement) (SFUNC = array_push, STYPE = anyarray, FINALFUNC = util.first_of, INITCOND = '{}');
COMMENT ON AGGREGATE util.first_value(anyelement) IS 'first value seen';

-- The operator's function is dropped and created (a parameter is renamed): the operator
-- is dropped before and created after it.
CREATE FUNCTION pair_eq(a pair, b pair) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT a.a = b.a AND a.b = b.b $$;
CREATE OPERATOR === (LEFTARG = pair, RIGHTARG = pair, PROCEDURE = pair_eq, COMMUTATOR = ===);
COMMENT ON OPERATOR === (pair, pair) IS 'pairs are equal';

-- New: a prefix operator in another schema, and a pair of negators.
CREATE FUNCTION util.twice(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT $1 * 2 $$;
CREATE OPERATOR util.## (RIGHTARG = integer, FUNCTION = util.twice);
CREATE FUNCTION pair_ne(pair, pair) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT NOT ($1 === $2) $$;
CREATE OPERATOR !== (LEFTARG = pair, RIGHTARG = pair, FUNCTION = pair_ne, NEGATOR = ===, COMMUTATOR = !==, RESTRICT = neqsel, JOIN = neqjoinsel);
