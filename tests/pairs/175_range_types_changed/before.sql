-- Range types whose options change (dropped and created: nothing uses them), one dropped
-- with the column using it, one kept under a column that gets a comment.
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TYPE textspan AS RANGE (subtype = text, collation = "C");
CREATE TYPE oldspan AS RANGE (subtype = date);
CREATE TYPE kept AS RANGE (subtype = int8);

CREATE TABLE t (
    id integer PRIMARY KEY,
    k kept,
    o oldspan
);
