CREATE TABLE events (
    id serial,
    kind text NOT NULL,
    version integer NOT NULL DEFAULT 0,
    owner text
);

CREATE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END $$;

CREATE TRIGGER events_bump BEFORE UPDATE ON events
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION bump_version();

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_own ON events USING (owner = current_user);

CREATE RULE events_no_delete AS ON DELETE TO events DO INSTEAD NOTHING;
