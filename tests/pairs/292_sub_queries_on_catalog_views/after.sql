-- Sub-queries on relations whose columns migrator does not model (catalog views such as
-- pg_roles): their columns are found there, as the catalog's qualified text says.
CREATE TABLE documents (id integer PRIMARY KEY, owner_id oid NOT NULL, body text);

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

CREATE POLICY documents_owner ON documents
    USING (owner_id = (SELECT oid FROM pg_roles WHERE rolname = current_user));

CREATE VIEW document_owners AS
    SELECT d.id, (SELECT rolname FROM pg_roles WHERE oid = d.owner_id) AS owner
    FROM documents d;
