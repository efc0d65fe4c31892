-- Comments on a trigger, a rule and a column that the desired state drops.
CREATE TABLE notes (
    id integer PRIMARY KEY,
    body text,
    legacy_flag boolean
);
COMMENT ON COLUMN notes.legacy_flag IS 'kept for the old client';
CREATE TABLE notes_log (
    id integer,
    at timestamptz DEFAULT now()
);
CREATE FUNCTION notes_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEW;
END
$$;
CREATE TRIGGER notes_stamp BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION notes_stamp();
COMMENT ON TRIGGER notes_stamp ON notes IS 'stamps updates';
CREATE RULE notes_log_delete AS ON DELETE TO notes DO ALSO INSERT INTO notes_log (id) VALUES (old.id);
COMMENT ON RULE notes_log_delete ON notes IS 'logs deletes';
CREATE RULE notes_log_insert AS ON INSERT TO notes DO ALSO INSERT INTO notes_log (id) VALUES (new.id);
