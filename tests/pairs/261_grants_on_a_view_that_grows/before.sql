CREATE TABLE accounts (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    balance numeric(12,2)
);

CREATE VIEW account_owners AS SELECT id, owner FROM accounts;
GRANT SELECT ON account_owners TO mt_reader;
