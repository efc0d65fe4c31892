-- The parent gains a column and an index, which PostgreSQL gives every partition.
CREATE SCHEMA partman;
CREATE EXTENSION pg_partman SCHEMA partman;

CREATE TABLE public.events (
    id bigint NOT NULL,
    at timestamptz NOT NULL,
    payload jsonb,
    source text NOT NULL DEFAULT 'api'
) PARTITION BY RANGE (at);
CREATE INDEX events_at_idx ON public.events (at);
CREATE INDEX events_source_idx ON public.events (source) WHERE source <> 'api';
