-- The implicit names follow the table: the key, the unique constraint, the CHECK, the
-- serial sequence and the unnamed index are renamed, not rebuilt, and the foreign key
-- that references the key survives. A named index keeps its name.
-- migrator:renamed-from clients
CREATE TABLE customers (
    id serial PRIMARY KEY,
    email text UNIQUE,
    name text NOT NULL CHECK (name <> ''),
    region text
);
CREATE INDEX ON customers (region);
CREATE INDEX clients_lower_email_idx ON customers (lower(email));

CREATE TABLE invoices (
    id bigserial PRIMARY KEY,
    client_id integer NOT NULL REFERENCES customers (id)
);
