-- Replica identities the desired state changes, on plain tables and partitions.
CREATE TABLE events (
    id integer PRIMARY KEY,
    payload text
);
ALTER TABLE events REPLICA IDENTITY FULL;

CREATE TABLE audit (
    id integer NOT NULL,
    at timestamptz NOT NULL
);
CREATE UNIQUE INDEX audit_id_at ON audit (id, at);

CREATE TABLE measures (
    id integer NOT NULL,
    day date NOT NULL
) PARTITION BY RANGE (day);
CREATE TABLE measures_2024 PARTITION OF measures
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
