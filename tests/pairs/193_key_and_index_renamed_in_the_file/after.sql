-- The file renames the key's index (which renames the key, as PostgreSQL does) and the
-- two indexes; the table stays clustered on the renamed index, and its replica identity
-- follows the other.
CREATE TABLE t (
    id integer PRIMARY KEY,
    a integer NOT NULL,
    b integer
);
CREATE UNIQUE INDEX t_a ON t (a);
CREATE INDEX t_b ON t (b);
ALTER TABLE t CLUSTER ON t_b;
ALTER TABLE t REPLICA IDENTITY USING INDEX t_a;
ALTER INDEX t_pkey RENAME TO t_pk;
ALTER INDEX t_a RENAME TO t_a_unique;
ALTER INDEX t_b RENAME TO t_b_idx;
