-- Indexes with comments on a table that stays: under --online each is built or dropped
-- CONCURRENTLY in a file of its own, and its comment cannot share that file.
CREATE TABLE events (id integer PRIMARY KEY, kind text, at timestamptz, payload jsonb);
CREATE INDEX events_kind_idx ON events (kind);
COMMENT ON INDEX events_kind_idx IS 'dropped: its down builds it again with this comment';
CREATE INDEX events_at_idx ON events (at);
COMMENT ON INDEX events_at_idx IS 'rebuilt: its definition changes';
CREATE INDEX events_payload_idx ON events USING gin (payload);
COMMENT ON INDEX events_payload_idx IS 'its comment alone changes';
