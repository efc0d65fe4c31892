CREATE TABLE accounts (id integer PRIMARY KEY, balance numeric NOT NULL DEFAULT 0, updated_at timestamptz);
CREATE TABLE audit (at timestamptz NOT NULL DEFAULT now(), what text);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch();
CREATE FUNCTION log_it() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit (what) VALUES (TG_OP); RETURN NULL; END $$;
CREATE TRIGGER accounts_log AFTER DELETE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION log_it();
