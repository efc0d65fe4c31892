-- The indexes that REPLICA IDENTITY USING INDEX and CLUSTER ON name change their
-- definitions: each is dropped and created again, which loses both settings in
-- PostgreSQL, so they are set again after the rebuild (and in the down likewise).
CREATE TABLE accounts (id integer NOT NULL, email text NOT NULL, name text);
CREATE UNIQUE INDEX accounts_email ON accounts (email, id);
ALTER TABLE accounts REPLICA IDENTITY USING INDEX accounts_email;
CREATE INDEX accounts_name ON accounts (name DESC);
ALTER TABLE accounts CLUSTER ON accounts_name;
