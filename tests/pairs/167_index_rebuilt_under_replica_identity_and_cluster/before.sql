CREATE TABLE accounts (id integer NOT NULL, email text NOT NULL, name text);
CREATE UNIQUE INDEX accounts_email ON accounts (email);
ALTER TABLE accounts REPLICA IDENTITY USING INDEX accounts_email;
CREATE INDEX accounts_name ON accounts (name);
ALTER TABLE accounts CLUSTER ON accounts_name;
