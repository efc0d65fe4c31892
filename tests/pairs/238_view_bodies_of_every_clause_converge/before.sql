-- Views written as people write them (no ELSE in a CASE, casts left implicit, USING joins,
-- LATERAL, set operations, DISTINCT ON, sub-queries, recursive CTEs, windows, FILTER,
-- ordered aggregates) compare equal to the catalog's spelling of them: created once,
-- then nothing to do.
CREATE TABLE t (id int PRIMARY KEY, v int, name text, created timestamptz);
