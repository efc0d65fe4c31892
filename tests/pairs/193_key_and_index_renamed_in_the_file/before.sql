-- A table clustered on one index, its replica identity another.
CREATE TABLE t (
    id integer PRIMARY KEY,
    a integer NOT NULL,
    b integer
);
CREATE UNIQUE INDEX t_a ON t (a);
CREATE INDEX t_b ON t (b);
ALTER TABLE t CLUSTER ON t_b;
ALTER TABLE t REPLICA IDENTITY USING INDEX t_a;
