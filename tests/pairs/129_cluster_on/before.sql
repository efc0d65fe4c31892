-- Tables clustered on an index or a key, which the desired state changes.
CREATE TABLE events (
    id integer PRIMARY KEY,
    at timestamptz NOT NULL
);
CREATE INDEX events_at ON events (at);
ALTER TABLE events CLUSTER ON events_at;

CREATE TABLE logs (
    id integer PRIMARY KEY,
    line text
);
ALTER TABLE logs CLUSTER ON logs_pkey;
