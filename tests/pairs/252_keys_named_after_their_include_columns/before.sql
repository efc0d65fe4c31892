-- PostgreSQL names a key's index after its INCLUDE columns too (`t_a_b_key`), for UNIQUE
-- and EXCLUDE constraints, and for LIKE's copies of them.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE t (a int, b int, c int, UNIQUE (a));
