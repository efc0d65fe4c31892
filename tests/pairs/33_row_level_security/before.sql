CREATE TABLE documents (id integer PRIMARY KEY, owner text NOT NULL, public boolean NOT NULL DEFAULT false);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_public ON documents FOR SELECT USING (public);
CREATE POLICY old_rule ON documents USING (owner = 'nobody');
