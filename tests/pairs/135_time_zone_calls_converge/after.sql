-- timezone('UTC', x) and x AT TIME ZONE 'UTC' are one call.
CREATE TABLE events (
    id integer PRIMARY KEY,
    at timestamptz NOT NULL,
    local_at timestamp DEFAULT timezone('UTC', now()),
    other_at timestamp DEFAULT (now() AT TIME ZONE 'Europe/Paris'),
    CHECK (local_at <= timezone('UTC'::text, now()) + interval '1 day')
);
CREATE INDEX events_day ON events (((at AT TIME ZONE 'UTC')::date));
CREATE INDEX events_hour ON events (date_trunc('hour', timezone('UTC', at)));
CREATE VIEW events_utc AS
    SELECT id, at AT TIME ZONE 'UTC' AS at_utc, timezone('Asia/Tokyo', at) AS at_tokyo
    FROM events;
