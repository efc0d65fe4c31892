-- View options and check options: the same options written another way (WITH (…) for
-- WITH … CHECK OPTION), options changed in place (ALTER VIEW … SET/RESET), and options
-- carried by a view replaced or recreated. (Other spellings of the values, such as `on` or
-- 'LOCAL', are stored verbatim, so the catalog dumps the tests compare would differ: the
-- loader's unit tests cover them.)
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    balance numeric(12, 2) NOT NULL DEFAULT 0
);
CREATE VIEW positive_accounts WITH (check_option = local, security_barrier = true) AS
    SELECT id, owner, balance FROM accounts WHERE balance >= 0;
CREATE VIEW own_accounts AS SELECT id, owner FROM accounts WHERE owner = current_user;
ALTER VIEW own_accounts SET (check_option = local, security_barrier = true);
CREATE VIEW rich_accounts AS
    SELECT id, balance FROM positive_accounts WHERE balance > 1000;
CREATE VIEW account_ids WITH (security_invoker) AS
    SELECT id, owner FROM accounts WITH CASCADED CHECK OPTION;
CREATE VIEW account_owners WITH (security_barrier = true) AS
    SELECT owner FROM accounts WITH LOCAL CHECK OPTION;
