-- `"$user"` names no schema of the files, RESET goes back to `public`, an extension
-- without SCHEMA goes to the path's first schema, and the relation a `nextval('…')`
-- constant names is resolved along the path.
CREATE SCHEMA app;
SET search_path = "$user", public;
CREATE TABLE a (id int);
SET search_path TO app;
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE TABLE b (id int, h hstore);
CREATE UNIQUE INDEX b_id ON b (id);
CREATE VIEW vb AS SELECT id, h FROM b;
RESET search_path;
CREATE VIEW va AS SELECT id FROM a;
SET search_path = app, public;
CREATE VIEW vab AS SELECT a.id FROM a JOIN b USING (id);
CREATE FUNCTION cfg() RETURNS int LANGUAGE sql SET search_path = app AS $$ SELECT count(*)::int FROM b $$;
CREATE SEQUENCE seq;
CREATE TABLE c (id int DEFAULT nextval('seq'), b_id int REFERENCES b (id) DEFERRABLE, r regclass DEFAULT 'b'::regclass);
