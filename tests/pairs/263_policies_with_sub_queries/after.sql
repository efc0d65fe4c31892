CREATE TABLE memberships (
    user_id integer NOT NULL,
    team text NOT NULL,
    role text NOT NULL DEFAULT 'member'
);

CREATE TABLE documents (
    id integer PRIMARY KEY,
    team text NOT NULL,
    owner_id integer NOT NULL,
    title text
);

CREATE VIEW team_admins AS SELECT user_id, team FROM memberships WHERE role = 'admin';

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

-- Sub-queries: pg_get_expr qualifies their columns and relations; the file does not.
CREATE POLICY documents_read ON documents FOR SELECT
    USING (team IN (SELECT team FROM memberships WHERE user_id = current_setting('app.user_id')::integer));

CREATE POLICY documents_write ON documents AS RESTRICTIVE FOR UPDATE
    USING (EXISTS (SELECT 1 FROM team_admins a WHERE a.team = documents.team AND a.user_id = owner_id))
    WITH CHECK (owner_id = (SELECT min(m.user_id) FROM memberships m WHERE m.team = documents.team));

COMMENT ON POLICY documents_write ON documents IS 'Team admins only';
