-- A materialized view with storage parameters, an index with an expression column's
-- statistics target, and a clustering index; its query changes, so it is recreated.
CREATE TABLE events (
    id integer PRIMARY KEY,
    kind text NOT NULL,
    at timestamptz NOT NULL
);

CREATE MATERIALIZED VIEW event_days WITH (fillfactor = 80) AS
SELECT id, kind, at FROM events;
CREATE INDEX event_days_day ON event_days (date_trunc('day', at AT TIME ZONE 'UTC'), kind);
ALTER INDEX event_days_day ALTER COLUMN 1 SET STATISTICS 400;
ALTER MATERIALIZED VIEW event_days CLUSTER ON event_days_day;
ALTER MATERIALIZED VIEW event_days ALTER COLUMN kind SET STATISTICS 250;
ALTER MATERIALIZED VIEW event_days ALTER COLUMN kind SET (n_distinct = 20);
