CREATE TABLE metrics (id bigint NOT NULL, at date NOT NULL, v double precision)
    PARTITION BY RANGE (at);
CREATE TABLE metrics_2024 PARTITION OF metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE TABLE samples (id bigint NOT NULL, at date NOT NULL, v double precision);
CREATE INDEX samples_at ON samples (at);
