-- A table attached as a partition must have its parent's CHECKs, under their names, which
-- then become the parent's on it; one detached keeps them as its own (here one of the two,
-- the other is dropped).
CREATE TABLE readings (id integer NOT NULL, v integer CHECK (v > 0), at date NOT NULL, CONSTRAINT readings_id_check CHECK (id <> 0)) PARTITION BY RANGE (at);
CREATE TABLE readings_2023 (id integer NOT NULL, v integer, at date NOT NULL, CONSTRAINT readings_v_check CHECK (v > 0));
CREATE TABLE readings_2024 (
    id integer NOT NULL, v integer, at date NOT NULL,
    CONSTRAINT readings_v_check CHECK (v > 0), CONSTRAINT readings_id_check CHECK (id <> 0)
);
ALTER TABLE readings ATTACH PARTITION readings_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE readings_2025 (
    id integer NOT NULL, v integer, at date NOT NULL,
    CONSTRAINT readings_v_check CHECK (v > 0), CONSTRAINT readings_id_check CHECK (id <> 0)
);
ALTER TABLE readings ATTACH PARTITION readings_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
