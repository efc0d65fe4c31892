CREATE TABLE clients (
    id serial PRIMARY KEY,
    email text UNIQUE,
    name text NOT NULL CHECK (name <> ''),
    region text
);
CREATE INDEX ON clients (region);
CREATE INDEX clients_lower_email_idx ON clients (lower(email));

CREATE TABLE invoices (
    id bigserial PRIMARY KEY,
    client_id integer NOT NULL REFERENCES clients (id)
);
