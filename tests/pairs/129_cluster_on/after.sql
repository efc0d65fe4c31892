-- Clustered on the key instead of the index; no longer clustered; a new table clustered
-- on its new index.
CREATE TABLE events (
    id integer PRIMARY KEY,
    at timestamptz NOT NULL
);
CREATE INDEX events_at ON events (at);
ALTER TABLE events CLUSTER ON events_pkey;

CREATE TABLE logs (
    id integer PRIMARY KEY,
    line text
);
ALTER TABLE logs CLUSTER ON logs_pkey;
ALTER TABLE logs SET WITHOUT CLUSTER;

CREATE TABLE metrics (
    id integer,
    at timestamptz
);
CREATE INDEX metrics_at ON metrics (at);
ALTER TABLE metrics CLUSTER ON metrics_at;
