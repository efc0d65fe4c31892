CREATE TABLE notes (
    id integer PRIMARY KEY,
    body text,
    author text
);

CREATE FUNCTION notes_view_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO notes (id, body) VALUES (NEW.id, NEW.body);
    RETURN NEW;
END
$$;

-- Both views grow a column: replaced in place, but their downs drop and create them, so
-- the trigger and the rule on them must come back.
CREATE VIEW note_bodies AS SELECT id, body, author FROM notes;
CREATE TRIGGER note_bodies_insert INSTEAD OF INSERT ON note_bodies
    FOR EACH ROW EXECUTE FUNCTION notes_view_insert();

CREATE VIEW note_ids AS SELECT id, author FROM notes;
CREATE RULE note_ids_delete AS ON DELETE TO note_ids DO INSTEAD DELETE FROM notes WHERE id = old.id;
