-- ON ALL … IN SCHEMA reaches the objects defined before it, not those defined after.
CREATE SCHEMA app;
CREATE TABLE app.users (id serial PRIMARY KEY, name text);
CREATE VIEW app.user_names AS SELECT name FROM app.users;
CREATE FUNCTION app.user_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM app.users';
CREATE PROCEDURE app.purge() LANGUAGE sql AS 'DELETE FROM app.users';

GRANT USAGE ON SCHEMA app TO mt_reader, mt_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA app TO mt_reader;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA app TO mt_writer;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
GRANT EXECUTE ON ALL PROCEDURES IN SCHEMA app TO mt_writer;

CREATE TABLE app.audit (id integer, note text);
