-- The state the renames led to, written directly (constraints keep their names), plus one
-- new column.
CREATE TABLE customers (
    id integer,
    full_name text NOT NULL,
    mail text,
    since date,
    CONSTRAINT clients_pkey PRIMARY KEY (id),
    CONSTRAINT clients_mail_check CHECK (mail <> '')
);
CREATE INDEX clients_lower_mail_idx ON customers (lower(mail)) WHERE mail IS NOT NULL;
CREATE VIEW client_names AS SELECT id, full_name FROM customers WHERE id > 0;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER clients_touch BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON customers USING (mail = current_user);
COMMENT ON TABLE customers IS 'people we sell to';
COMMENT ON TRIGGER clients_touch ON customers IS 'keeps rows fresh';
COMMENT ON POLICY own_rows ON customers IS 'each sees their own';
CREATE TABLE orders (id integer PRIMARY KEY, client_id integer REFERENCES customers (id));
CREATE TABLE happenings (id integer, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_old PARTITION OF happenings FOR VALUES FROM ('2000-01-01') TO ('2020-01-01');
