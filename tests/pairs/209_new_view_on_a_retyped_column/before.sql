-- A column is retyped and a view created in the same file reads it: a second run of the
-- up file skips the retype (the catalog already shows the new type), which PostgreSQL
-- would refuse under the new view. The existing view goes and comes back as usual.
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    balance integer NOT NULL DEFAULT 0,
    code varchar(10) COLLATE "C",
    note text
);
CREATE VIEW account_balances AS SELECT id, balance FROM accounts;
