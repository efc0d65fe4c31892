-- A column renamed by a migration already written: the expressions that read it follow.
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    mail text NOT NULL,
    balance numeric NOT NULL DEFAULT 0,
    mail_domain text GENERATED ALWAYS AS (split_part(mail, '@', 2)) STORED,
    CONSTRAINT accounts_mail_check CHECK (position('@' in mail) > 1),
    CONSTRAINT accounts_balance_check CHECK (balance >= 0)
);
CREATE UNIQUE INDEX accounts_lower_mail_idx ON accounts (lower(mail));
CREATE INDEX accounts_rich_idx ON accounts (id) WHERE balance > 1000;
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER accounts_audit AFTER UPDATE OF balance ON accounts
    FOR EACH ROW WHEN (OLD.balance IS DISTINCT FROM NEW.balance) EXECUTE FUNCTION audit();
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_account ON accounts USING (mail = current_user);
CREATE TABLE child_accounts (note text) INHERITS (accounts);

ALTER TABLE accounts RENAME COLUMN mail TO email;
ALTER TABLE accounts RENAME COLUMN balance TO credit;
