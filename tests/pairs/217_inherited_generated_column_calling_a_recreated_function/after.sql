-- A generated column calling a function dropped and created (a parameter is renamed),
-- inherited by a child table: the parent's column is dropped and added again, and the
-- child's follows it, with the index on the child's column and the view reading it.
CREATE FUNCTION doubled(n integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT n * 2 $$;

CREATE TABLE readings (
    id integer NOT NULL,
    v integer NOT NULL,
    v2 integer GENERATED ALWAYS AS (doubled(v)) STORED
);
CREATE TABLE archived_readings (archived_at date) INHERITS (readings);
CREATE INDEX archived_readings_v2_idx ON archived_readings (v2);
CREATE VIEW archived_doubles AS SELECT id, v2 FROM archived_readings;
