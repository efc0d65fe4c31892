-- ALTER POLICY in the desired SQL, and policies changed in place: roles and expressions
-- by ALTER POLICY; a policy that becomes restrictive is dropped and created.
CREATE TABLE documents (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    published boolean NOT NULL DEFAULT false
);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_documents ON documents
    USING (owner = current_user) WITH CHECK (owner = current_user);
ALTER POLICY own_documents ON documents TO postgres USING (owner = session_user);
CREATE POLICY read_drafts ON documents FOR SELECT USING (published);
ALTER POLICY read_drafts ON documents RENAME TO read_published;
ALTER POLICY read_published ON documents USING (published OR owner = current_user);
CREATE POLICY insert_own ON documents AS RESTRICTIVE FOR INSERT
    WITH CHECK (owner = current_user);
COMMENT ON POLICY insert_own ON documents IS 'owners write their own';
