-- The query gains a column: the materialized view is dropped and created again with its
-- storage parameters (in its CREATE), its index (with the statistics target) and its
-- clustering index; the down file brings the old ones back the same way.
CREATE TABLE events (
    id integer PRIMARY KEY,
    kind text NOT NULL,
    at timestamptz NOT NULL
);

CREATE MATERIALIZED VIEW event_days WITH (fillfactor = 80, autovacuum_enabled = false) AS
SELECT id, kind, at, at::date AS day FROM events;
CREATE INDEX event_days_day ON event_days (date_trunc('day', at AT TIME ZONE 'UTC'), kind);
ALTER INDEX event_days_day ALTER COLUMN 1 SET STATISTICS 400;
ALTER MATERIALIZED VIEW event_days CLUSTER ON event_days_day;
ALTER MATERIALIZED VIEW event_days ALTER COLUMN kind SET STATISTICS 250;
ALTER MATERIALIZED VIEW event_days ALTER COLUMN kind SET (n_distinct = 20);
