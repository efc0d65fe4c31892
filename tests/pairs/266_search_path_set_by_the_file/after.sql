-- The file's search_path decides where objects land and what their bodies read: the
-- migration must name each with its schema.
CREATE SCHEMA app;
CREATE TABLE public.shared (id int PRIMARY KEY);
SET search_path TO app, public;
CREATE TYPE mood AS ENUM ('calm', 'busy');
CREATE FUNCTION norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
CREATE DOMAIN email AS text CHECK (VALUE = norm(VALUE));
CREATE TABLE accounts (
  id int PRIMARY KEY,
  mail email,
  m mood DEFAULT 'calm',
  code text DEFAULT norm('X') CHECK (code = norm(code)),
  shared_id int REFERENCES shared (id)
);
CREATE INDEX accounts_code ON accounts (norm(code));
CREATE FUNCTION moods(m mood) RETURNS SETOF mood LANGUAGE sql AS $$ SELECT m $$;
CREATE FUNCTION total() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM accounts; END;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch();
CREATE MATERIALIZED VIEW mv AS SELECT a.id, s.id AS sid FROM accounts a JOIN shared s ON s.id = a.shared_id;
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON accounts USING (EXISTS (SELECT 1 FROM shared s WHERE s.id = shared_id) AND norm(code) = 'x');
CREATE TABLE audit (id int);
CREATE RULE r AS ON DELETE TO accounts DO ALSO INSERT INTO audit VALUES (old.id);
CREATE VIEW v AS WITH x AS (SELECT id, m FROM accounts) SELECT x.id, x.m::text AS m, norm('A') AS n, total() AS t FROM x;
COMMENT ON VIEW v IS 'v';
GRANT SELECT ON v TO PUBLIC;
CREATE AGGREGATE agg_sum(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
CREATE VIEW v2 AS SELECT agg_sum(id) FROM accounts;
-- A table named as one on the path elsewhere is still created in the first schema.
CREATE TABLE shared (id int, accounts_id int REFERENCES accounts (id));
SELECT pg_catalog.set_config('search_path', 'public', false);
CREATE VIEW back_in_public AS SELECT id FROM shared;
