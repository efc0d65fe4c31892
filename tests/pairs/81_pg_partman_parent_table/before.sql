-- The project's part of a pg_partman setup: the schema, the extension and the parent.
-- The partitions, the default partition and the template table that
-- partman.create_parent() makes at run time are partman's; tests/tests/filters.rs runs it
-- live with the docs/FILTERS.md recipe.
CREATE SCHEMA partman;
CREATE EXTENSION pg_partman SCHEMA partman;

CREATE TABLE public.events (
    id bigint NOT NULL,
    at timestamptz NOT NULL,
    payload jsonb
) PARTITION BY RANGE (at);
