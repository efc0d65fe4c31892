CREATE TABLE accounts (id integer PRIMARY KEY, balance numeric NOT NULL DEFAULT 0, owner text, updated_at timestamptz);
CREATE TABLE audit (at timestamptz NOT NULL DEFAULT now(), what text);

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$;
CREATE FUNCTION log_it() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit (what) VALUES (TG_OP || ':' || TG_ARGV[0]); RETURN NULL; END $$;

-- UPDATE OF gains a column and WHEN changes.
CREATE TRIGGER accounts_touch BEFORE UPDATE OF balance, owner ON accounts FOR EACH ROW
    WHEN (OLD.balance IS DISTINCT FROM NEW.balance OR OLD.owner IS DISTINCT FROM NEW.owner)
    EXECUTE FUNCTION touch();
-- A constraint trigger no longer deferred by default, on more events.
CREATE CONSTRAINT TRIGGER accounts_check AFTER INSERT OR UPDATE ON accounts
    DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION log_it('deferred');
-- Arguments and level change.
CREATE TRIGGER accounts_log AFTER INSERT OR DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION log_it('two', 'x');

-- SET option changed (replaced in place); the SQL-standard bodies change.
CREATE FUNCTION safe_lookup(k text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog
    SET statement_timeout = '5s'
    AS $$ SELECT owner FROM public.accounts WHERE owner = k LIMIT 1 $$;
CREATE FUNCTION twice(a integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN a + a;
CREATE FUNCTION total() RETURNS numeric LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(sum(balance), 0) FROM accounts;
END;
-- Body changed (in place); a parameter renamed (dropped and created).
CREATE PROCEDURE reset_balances(floor numeric) LANGUAGE sql AS $$ UPDATE accounts SET balance = floor WHERE balance < floor OR balance IS NULL $$;
CREATE PROCEDURE note(message text) LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit (what) VALUES (message); END $$;
-- A SQL-standard body is checked when created: what it calls comes first (the name sorts
-- before the function it calls).
CREATE FUNCTION quadruple(a integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN twice(twice(a));
