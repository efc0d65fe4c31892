-- Constraints valid and not valid, which the desired state flips.
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    balance numeric NOT NULL
);
CREATE TABLE payments (
    id integer PRIMARY KEY,
    account_id integer,
    amount numeric,
    CONSTRAINT payments_amount_check CHECK (amount > 0)
);
ALTER TABLE payments ADD CONSTRAINT payments_account_fk
    FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;
ALTER TABLE accounts ADD CONSTRAINT accounts_balance_check CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts ADD CONSTRAINT accounts_id_check CHECK (id > 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_id_check;
