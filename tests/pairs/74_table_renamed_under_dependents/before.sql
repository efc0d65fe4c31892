-- A table renamed by a migration already written: what names it follows the rename.
CREATE TABLE clients (
    id integer PRIMARY KEY,
    full_name text NOT NULL,
    mail text,
    CONSTRAINT clients_mail_check CHECK (mail <> '')
);
CREATE INDEX clients_lower_mail_idx ON clients (lower(mail)) WHERE mail IS NOT NULL;
CREATE VIEW client_names AS SELECT id, clients.full_name FROM clients WHERE clients.id > 0;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER clients_touch BEFORE UPDATE ON clients FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON clients USING (mail = current_user);
COMMENT ON TABLE clients IS 'people we sell to';
COMMENT ON TRIGGER clients_touch ON clients IS 'keeps rows fresh';
COMMENT ON POLICY own_rows ON clients IS 'each sees their own';
CREATE TABLE orders (id integer PRIMARY KEY, client_id integer REFERENCES clients (id));
CREATE TABLE events (id integer, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_old PARTITION OF events FOR VALUES FROM ('2000-01-01') TO ('2020-01-01');

ALTER TABLE clients RENAME TO customers;
ALTER TABLE events RENAME TO happenings;
