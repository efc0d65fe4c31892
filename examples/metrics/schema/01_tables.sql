-- The metrics example: a TimescaleDB schema for the timescale dialect.
--   migrator generate --dialect timescale --schema examples/metrics/schema --migrations /tmp/metrics-migrations
CREATE EXTENSION IF NOT EXISTS timescaledb;

CREATE TABLE hosts (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    datacenter text
);

CREATE TABLE cpu_metrics (
    time timestamptz NOT NULL,
    host_id integer NOT NULL REFERENCES hosts (id),
    usage_user double precision,
    usage_system double precision,
    usage_idle double precision
);
