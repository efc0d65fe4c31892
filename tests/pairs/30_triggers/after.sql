CREATE TABLE accounts (id integer PRIMARY KEY, balance numeric NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE TABLE audit (at timestamptz NOT NULL DEFAULT now(), what text);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$;
CREATE TRIGGER accounts_touch BEFORE UPDATE OF balance ON accounts FOR EACH ROW
    WHEN (OLD.balance IS DISTINCT FROM NEW.balance) EXECUTE FUNCTION touch();
CREATE FUNCTION log_it() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit (what) VALUES (TG_OP || ':' || TG_ARGV[0]); RETURN NULL; END $$;
CREATE TRIGGER accounts_log AFTER INSERT OR DELETE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION log_it('accounts');
CREATE CONSTRAINT TRIGGER accounts_check AFTER INSERT ON accounts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION log_it('deferred');
COMMENT ON TRIGGER accounts_touch ON accounts IS 'keeps updated_at current';
