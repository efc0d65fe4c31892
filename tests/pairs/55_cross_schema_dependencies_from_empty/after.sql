-- The schema of pair 54 created from nothing in one migration and dropped by its down
-- file: cycles between the two schemas (foreign keys, types, functions, views).
CREATE SCHEMA billing;
CREATE SCHEMA crm;

CREATE TYPE crm.tier AS ENUM ('free', 'pro');
CREATE TYPE billing.money_range AS (low numeric, high numeric);

CREATE TABLE crm.accounts (
    id integer PRIMARY KEY,
    name text NOT NULL,
    tier crm.tier NOT NULL DEFAULT 'free',
    last_invoice_id integer
);

CREATE FUNCTION crm.discount(t crm.tier) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN t = 'pro' THEN 0.1 ELSE 0 END $$;

CREATE TABLE billing.invoices (
    id integer PRIMARY KEY,
    total numeric NOT NULL,
    account_id integer NOT NULL REFERENCES crm.accounts,
    account_tier crm.tier NOT NULL,
    net numeric GENERATED ALWAYS AS (total * (1 - crm.discount(account_tier))) STORED,
    CHECK (total >= 0)
);

ALTER TABLE crm.accounts
    ADD CONSTRAINT accounts_last_invoice_fk FOREIGN KEY (last_invoice_id) REFERENCES billing.invoices;

CREATE FUNCTION billing.range_of(a integer) RETURNS billing.money_range
    LANGUAGE sql STABLE AS $$ SELECT min(total), max(total) FROM billing.invoices WHERE account_id = a $$;

CREATE VIEW crm.account_totals AS
    SELECT a.id, a.name, sum(i.net) AS net
    FROM crm.accounts a JOIN billing.invoices i ON i.account_id = a.id
    GROUP BY a.id, a.name;

CREATE VIEW billing.big_accounts AS
    SELECT id, name FROM crm.account_totals WHERE net > 1000;

CREATE FUNCTION crm.touch_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE crm.accounts SET last_invoice_id = NEW.id WHERE id = NEW.account_id;
    RETURN NEW;
END $$;

CREATE TRIGGER invoices_touch_account AFTER INSERT ON billing.invoices
    FOR EACH ROW EXECUTE FUNCTION crm.touch_account();
