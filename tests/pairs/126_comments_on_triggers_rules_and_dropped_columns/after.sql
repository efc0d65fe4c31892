-- The column goes (its comment comes back in the down); the trigger's comment changes, the
-- rule's is removed, a rule and a trigger get one.
CREATE TABLE notes (
    id integer PRIMARY KEY,
    body text
);
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
COMMENT ON TRIGGER notes_stamp ON notes IS 'stamps every update';
CREATE TRIGGER notes_stamp_insert BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION notes_stamp();
COMMENT ON TRIGGER notes_stamp_insert ON notes IS 'stamps inserts';
CREATE RULE notes_log_delete AS ON DELETE TO notes DO ALSO INSERT INTO notes_log (id) VALUES (old.id);
CREATE RULE notes_log_insert AS ON INSERT TO notes DO ALSO INSERT INTO notes_log (id) VALUES (new.id);
COMMENT ON RULE notes_log_insert ON notes IS 'logs inserts';
