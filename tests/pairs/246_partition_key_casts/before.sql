-- A partition key that casts its column keys by the cast's type: the cast stays in the
-- DDL (a cast of a column to its own type is the column, as PostgreSQL stores it).
CREATE TABLE logs (id bigint NOT NULL, ts timestamp NOT NULL) PARTITION BY RANGE (ts);
CREATE TABLE logs_2024 PARTITION OF logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
