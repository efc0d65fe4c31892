-- floatrange gains a SUBTYPE_DIFF, textspan loses its collation and names its multirange
-- type, oldspan goes (after its column), newspan comes (before its columns; its multirange
-- type is newspan_multirange, as PostgreSQL names it), kept gets a comment in place.
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE textspan AS RANGE (subtype = text, multirange_type_name = textspans);
CREATE TYPE kept AS RANGE (subtype = int8);
COMMENT ON TYPE kept IS 'kept in place';
CREATE TYPE newspan AS RANGE (subtype = timestamp);

CREATE TABLE t (
    id integer PRIMARY KEY,
    k kept,
    n newspan,
    ns newspan_multirange
);
