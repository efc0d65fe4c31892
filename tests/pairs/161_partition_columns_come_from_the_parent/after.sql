-- A column added to and one dropped from the parent reach every partition: no partition
-- gets an ADD or DROP COLUMN of its own. A plain table with the parent's columns becomes
-- a partition (ATTACH), and a partition leaves (DETACH) keeping its columns.
CREATE TABLE logs (
    id bigint NOT NULL,
    at date NOT NULL,
    level text,
    source text DEFAULT 'app'
) PARTITION BY RANGE (at);
CREATE TABLE logs_2025 PARTITION OF logs FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE logs_archive PARTITION OF logs FOR VALUES FROM ('2000-01-01') TO ('2024-01-01');
CREATE TABLE logs_2024 (
    id bigint NOT NULL,
    at date NOT NULL,
    level text,
    source text DEFAULT 'app'
);

CREATE TABLE animals (id integer NOT NULL, name text, born date);
CREATE TABLE dogs (breed text) INHERITS (animals);
