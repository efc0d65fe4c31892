-- migrator:renamed-from clients
CREATE TABLE customers (
    id integer,
    display_name text NOT NULL, -- migrator:renamed-from full_name
    -- migrator:renamed-from mail
    email text,
    CONSTRAINT clients_pkey PRIMARY KEY (id)
);
CREATE INDEX clients_mail_idx ON customers (email);
CREATE TABLE notes (id integer PRIMARY KEY, body text);
