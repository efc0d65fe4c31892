CREATE TABLE documents (
    id integer PRIMARY KEY,
    owner_name text NOT NULL,
    team text,
    archived boolean NOT NULL DEFAULT false
);

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

CREATE POLICY documents_owner ON documents
    USING (owner_name = current_user AND team IS NOT NULL)
    WITH CHECK (owner_name = current_user);

CREATE POLICY documents_hide_archived ON documents AS RESTRICTIVE FOR SELECT
    USING (NOT archived);
