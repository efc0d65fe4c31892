-- Typed tables: their columns are the type's attributes, with the table's own options.
CREATE TYPE person AS (id integer, name text, score numeric(10,2));

CREATE TABLE people OF person (
    id WITH OPTIONS PRIMARY KEY,
    score WITH OPTIONS DEFAULT 0 NOT NULL,
    CONSTRAINT people_score_check CHECK (score >= 0)
);
COMMENT ON TABLE people IS 'typed by person';
COMMENT ON COLUMN people.name IS 'display name';
CREATE INDEX people_name_idx ON people (name);

-- Columns matching the type exactly, in order: typed in place.
CREATE TABLE staff (id integer, name text, score numeric(10,2));
ALTER TABLE staff OF person;

-- A typed table partitioned, with a partition (which is not typed itself).
CREATE TYPE reading AS (taken_on date, value double precision);
CREATE TABLE readings OF reading (taken_on WITH OPTIONS NOT NULL) PARTITION BY RANGE (taken_on);
CREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
