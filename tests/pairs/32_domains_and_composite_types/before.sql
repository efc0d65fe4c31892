CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE DOMAIN old_code AS text;
CREATE TYPE money_amount AS (amount numeric(12,2), currency char(3));
CREATE TABLE invoices (id integer PRIMARY KEY, qty positive_int, total money_amount);
