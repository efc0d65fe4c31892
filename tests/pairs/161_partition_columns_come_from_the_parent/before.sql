CREATE TABLE logs (
    id bigint NOT NULL,
    at date NOT NULL,
    level text,
    legacy text
) PARTITION BY RANGE (at);
CREATE TABLE logs_2024 PARTITION OF logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE logs_2025 PARTITION OF logs FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE logs_archive (
    id bigint NOT NULL,
    at date NOT NULL,
    level text,
    legacy text
);

-- Inheritance: a column added to the parent reaches the child.
CREATE TABLE animals (id integer NOT NULL, name text);
CREATE TABLE dogs (breed text) INHERITS (animals);
