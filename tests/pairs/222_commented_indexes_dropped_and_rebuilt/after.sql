CREATE TABLE events (id integer PRIMARY KEY, kind text, at timestamptz, payload jsonb);
CREATE INDEX events_at_idx ON events (at DESC) WHERE kind IS NOT NULL;
COMMENT ON INDEX events_at_idx IS 'rebuilt: its definition changed';
CREATE INDEX events_payload_idx ON events USING gin (payload);
COMMENT ON INDEX events_payload_idx IS 'its comment alone changed';
CREATE INDEX events_id_kind_idx ON events (id, kind);
COMMENT ON INDEX events_id_kind_idx IS 'new, with a comment';
