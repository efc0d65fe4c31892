-- A table partitioned anew is dropped and created again: its serial sequence is released
-- before and owned again after (it keeps its value), and its triggers, policies and rules,
-- which DROP TABLE takes along, are created again.
CREATE TABLE events (
    id serial,
    kind text NOT NULL,
    version integer NOT NULL DEFAULT 0,
    owner text
) PARTITION BY LIST (kind);

CREATE TABLE events_audit PARTITION OF events FOR VALUES IN ('audit');

CREATE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END $$;

CREATE TRIGGER events_bump BEFORE UPDATE ON events
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION bump_version();

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_own ON events USING (owner = current_user);
