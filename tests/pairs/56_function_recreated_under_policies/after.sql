-- may_see() renames its parameter, so it is dropped and created: the policies calling it
-- are dropped before and created after; the one that does not call it stays.
CREATE FUNCTION may_see(who text) RETURNS boolean
    LANGUAGE sql STABLE AS $$ SELECT who = current_user $$;

CREATE TABLE notes (id integer PRIMARY KEY, owner text NOT NULL, body text);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_read ON notes FOR SELECT USING (may_see(owner));
CREATE POLICY notes_write ON notes FOR INSERT WITH CHECK (may_see(owner));
CREATE POLICY notes_all ON notes USING (true);
