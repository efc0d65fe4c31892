-- The state the renames led to, written directly, plus one new index.
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    email text NOT NULL,
    credit numeric NOT NULL DEFAULT 0,
    mail_domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) STORED,
    CONSTRAINT accounts_mail_check CHECK (position('@' in email) > 1),
    CONSTRAINT accounts_balance_check CHECK (credit >= 0)
);
CREATE UNIQUE INDEX accounts_lower_mail_idx ON accounts (lower(email));
CREATE INDEX accounts_rich_idx ON accounts (id) WHERE credit > 1000;
CREATE INDEX accounts_credit_idx ON accounts (credit);
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER accounts_audit AFTER UPDATE OF credit ON accounts
    FOR EACH ROW WHEN (OLD.credit IS DISTINCT FROM NEW.credit) EXECUTE FUNCTION audit();
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_account ON accounts USING (email = current_user);
CREATE TABLE child_accounts (note text) INHERITS (accounts);
