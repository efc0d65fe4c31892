CREATE SCHEMA metrics;

CREATE TABLE metrics.readings (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    sensor text NOT NULL,
    value numeric
) PARTITION BY RANGE (taken_on);

CREATE TABLE metrics.readings_2024 PARTITION OF metrics.readings
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
