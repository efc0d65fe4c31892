CREATE SCHEMA app;
-- Created before the defaults below: PostgreSQL gives it none of them.
CREATE TABLE app.early (id integer);
-- Granted without the grant option the defaults in force would give it.
GRANT TRUNCATE ON app.early TO dp_writer;
CREATE FUNCTION app.early_fn() RETURNS integer LANGUAGE sql AS 'SELECT 1';

ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO dp_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT INSERT ON TABLES TO dp_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT TRUNCATE ON TABLES TO dp_writer WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO dp_reader;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT EXECUTE ON FUNCTIONS TO dp_reader;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO dp_reader;

-- Created after them: each gets what the defaults say, as PostgreSQL gives it.
CREATE TABLE app.kept (id integer PRIMARY KEY);
CREATE TABLE app.events (id bigserial PRIMARY KEY, note text);
CREATE SEQUENCE app.counter;
CREATE VIEW app.recent AS SELECT id, note FROM app.events;
CREATE FUNCTION app.total() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM app.events';
CREATE PROCEDURE app.tidy() LANGUAGE sql AS 'DELETE FROM app.events';
CREATE TABLE public.plain (id integer);
CREATE SCHEMA reports;
-- Explicit grants and revokes after creation still apply on top.
REVOKE SELECT ON app.recent FROM dp_reader;
GRANT EXECUTE ON PROCEDURE app.tidy() TO PUBLIC;
