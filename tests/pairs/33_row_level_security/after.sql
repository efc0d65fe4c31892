CREATE TABLE documents (id integer PRIMARY KEY, owner text NOT NULL, public boolean NOT NULL DEFAULT false);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY read_public ON documents FOR SELECT TO PUBLIC USING (public OR owner = current_user);
CREATE POLICY own_rows ON documents AS RESTRICTIVE FOR UPDATE TO postgres USING (owner = current_user) WITH CHECK (owner IN ('alice', 'bob'));
COMMENT ON POLICY own_rows ON documents IS 'owners only';
CREATE TABLE notes (id integer PRIMARY KEY, body text);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone ON notes FOR INSERT WITH CHECK (length(body) < 1000);
