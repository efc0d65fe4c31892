CREATE TABLE orgs (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    org_id bigint REFERENCES orgs (id),
    email text NOT NULL,
    balance integer NOT NULL DEFAULT 0 CONSTRAINT balance_not_negative CHECK (balance >= 0),
    nickname text,
    region text
);

CREATE INDEX accounts_email_idx ON accounts (lower(email));
COMMENT ON INDEX accounts_email_idx IS 'lookups by e-mail';
CREATE INDEX accounts_region_idx ON accounts (region) WHERE region IS NOT NULL;

-- A new table gets none of the online treatment: nothing reads or writes it yet.
CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    total integer NOT NULL CHECK (total >= 0)
);

CREATE INDEX invoices_account_idx ON invoices (account_id);
