CREATE TABLE events (id bigint NOT NULL, happened date NOT NULL, kind text, source text, PRIMARY KEY (id, happened)) PARTITION BY RANGE (happened);
CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_rest PARTITION OF events DEFAULT;
CREATE INDEX events_kind_idx ON events (kind);
CREATE INDEX events_source_idx ON events (source);
CREATE TABLE buckets (id integer NOT NULL, v text) PARTITION BY HASH (id);
CREATE TABLE buckets_0 PARTITION OF buckets FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE buckets_1 PARTITION OF buckets (CONSTRAINT v_short CHECK (length(v) < 100)) FOR VALUES WITH (MODULUS 2, REMAINDER 1);
