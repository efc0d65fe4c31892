CREATE TABLE accounts (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    balance numeric(12,2)
);

-- Grows a column: replaced in place, but its down drops and creates it, and must grant
-- again.
CREATE VIEW account_owners AS SELECT id, owner, balance FROM accounts WHERE balance > 0;
GRANT SELECT ON account_owners TO mt_reader;
