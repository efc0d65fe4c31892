CREATE TABLE accounts (id integer PRIMARY KEY, balance numeric NOT NULL DEFAULT 0, owner text, updated_at timestamptz);
CREATE TABLE audit (at timestamptz NOT NULL DEFAULT now(), what text);

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$;
CREATE FUNCTION log_it() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit (what) VALUES (TG_OP || ':' || TG_ARGV[0]); RETURN NULL; END $$;

CREATE TRIGGER accounts_touch BEFORE UPDATE OF balance ON accounts FOR EACH ROW
    WHEN (OLD.balance IS DISTINCT FROM NEW.balance) EXECUTE FUNCTION touch();
CREATE CONSTRAINT TRIGGER accounts_check AFTER INSERT ON accounts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION log_it('deferred');
CREATE TRIGGER accounts_log AFTER INSERT ON accounts FOR EACH STATEMENT EXECUTE FUNCTION log_it('one');

-- SET options, SQL-standard bodies, procedures.
CREATE FUNCTION safe_lookup(k text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
    AS $$ SELECT owner FROM public.accounts WHERE owner = k LIMIT 1 $$;
CREATE FUNCTION twice(a integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN a * 2;
CREATE FUNCTION total() RETURNS numeric LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT sum(balance) FROM accounts;
END;
CREATE PROCEDURE reset_balances(floor numeric) LANGUAGE sql AS $$ UPDATE accounts SET balance = floor WHERE balance < floor $$;
CREATE PROCEDURE note(what text) LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit (what) VALUES (what); END $$;
