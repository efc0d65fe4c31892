-- A policy altered in place to read other columns comes after the columns it now reads
-- are added and before those it no longer reads are dropped (PostgreSQL refuses to drop a
-- column a policy reads); a policy dropped with its column goes first.
CREATE TABLE documents (
    id integer PRIMARY KEY,
    owner_role name NOT NULL DEFAULT current_user,
    team text NOT NULL DEFAULT ''
);

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

CREATE POLICY documents_owner ON documents
    USING (owner_role = current_user AND team <> '')
    WITH CHECK (owner_role = current_user);
