-- The foreign key is validated, the CHECK on amount made NOT VALID again, a new NOT VALID
-- CHECK and a NO INHERIT one are added, and a new table comes with a NOT VALID key.
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    balance numeric NOT NULL
);
CREATE TABLE payments (
    id integer PRIMARY KEY,
    account_id integer,
    amount numeric,
    CONSTRAINT payments_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)
);
ALTER TABLE payments ADD CONSTRAINT payments_amount_check CHECK (amount > 0) NOT VALID;
ALTER TABLE payments ADD CHECK (id < 1000000) NOT VALID;
ALTER TABLE payments ADD CONSTRAINT payments_root_check CHECK (amount < 100000) NO INHERIT;
ALTER TABLE accounts ADD CONSTRAINT accounts_balance_check CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts ADD CONSTRAINT accounts_id_check CHECK (id > 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_id_check;

CREATE TABLE refunds (
    id integer PRIMARY KEY,
    payment_id integer
);
ALTER TABLE refunds ADD CONSTRAINT refunds_payment_fk
    FOREIGN KEY (payment_id) REFERENCES payments (id) NOT VALID;
