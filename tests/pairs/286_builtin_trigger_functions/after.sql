CREATE TABLE documents (
    id integer PRIMARY KEY,
    title text NOT NULL,
    body text,
    search tsvector
);

-- PostgreSQL's own trigger functions, called unqualified: pg_catalog is searched first.
CREATE TRIGGER documents_search BEFORE INSERT OR UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(search, 'pg_catalog.english', title, body);

CREATE TABLE accounts (
    id integer PRIMARY KEY,
    balance numeric NOT NULL DEFAULT 0
);

CREATE TRIGGER accounts_skip_noop_updates BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();

-- A user function of another name beside them still resolves along the path.
CREATE FUNCTION touch_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEW;
END $$;

CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION touch_account();

-- Under a search path, an unqualified trigger function is the first of its name along it
-- (here public's), not one in the schema objects are created in.
CREATE SCHEMA audit;
SET search_path = audit, public;
CREATE TABLE entries (id integer PRIMARY KEY, note text);
CREATE TRIGGER entries_touch BEFORE UPDATE ON entries
    FOR EACH ROW EXECUTE FUNCTION touch_account();
