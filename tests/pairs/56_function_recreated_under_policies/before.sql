CREATE FUNCTION may_see(owner text) RETURNS boolean
    LANGUAGE sql STABLE AS $$ SELECT owner = current_user $$;

CREATE TABLE notes (id integer PRIMARY KEY, owner text NOT NULL, body text);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_read ON notes FOR SELECT USING (may_see(owner));
CREATE POLICY notes_write ON notes FOR INSERT WITH CHECK (may_see(owner));
CREATE POLICY notes_all ON notes USING (true);
