-- Back to DEFAULT; USING a unique index; NOTHING on a parent and FULL or an index on
-- partitions; a new table created with a replica identity.
CREATE TABLE events (
    id integer PRIMARY KEY,
    payload text
);
ALTER TABLE events REPLICA IDENTITY DEFAULT;

CREATE TABLE audit (
    id integer NOT NULL,
    at timestamptz NOT NULL
);
CREATE UNIQUE INDEX audit_id_at ON audit (id, at);
ALTER TABLE audit REPLICA IDENTITY USING INDEX audit_id_at;

CREATE TABLE measures (
    id integer NOT NULL,
    day date NOT NULL
) PARTITION BY RANGE (day);
ALTER TABLE measures REPLICA IDENTITY NOTHING;
CREATE TABLE measures_2024 PARTITION OF measures
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE measures_2024 REPLICA IDENTITY FULL;
CREATE TABLE measures_2025 PARTITION OF measures
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE UNIQUE INDEX measures_2025_id ON measures_2025 (id);
ALTER TABLE measures_2025 REPLICA IDENTITY USING INDEX measures_2025_id;

CREATE TABLE settings (
    key text CONSTRAINT settings_key PRIMARY KEY,
    value text
);
ALTER TABLE settings REPLICA IDENTITY USING INDEX settings_key;
