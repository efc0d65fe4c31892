CREATE TABLE clients (id integer PRIMARY KEY, full_name text NOT NULL, mail text);
CREATE INDEX clients_mail_idx ON clients (mail);
CREATE TABLE notes (id integer PRIMARY KEY, body text);
