-- A partitioned table becomes a plain one, and a plain one becomes partitioned: each is
-- a rebuild (drop and create), which loses the rows; the hazard says so.
CREATE TABLE metrics (id bigint NOT NULL, at date NOT NULL, v double precision);

CREATE TABLE samples (id bigint NOT NULL, at date NOT NULL, v double precision)
    PARTITION BY RANGE (at);
CREATE TABLE samples_2024 PARTITION OF samples FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX samples_at ON samples (at);
