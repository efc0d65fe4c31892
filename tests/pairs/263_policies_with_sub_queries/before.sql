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

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

CREATE POLICY documents_read ON documents FOR SELECT
    USING (team IN (SELECT team FROM memberships WHERE user_id = current_setting('app.user_id')::integer));
