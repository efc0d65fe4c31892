CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO mt_reader;

CREATE TABLE app.accounts (id integer PRIMARY KEY, email text, balance numeric);
GRANT SELECT ON app.accounts TO mt_reader;

CREATE TABLE logs (id bigserial PRIMARY KEY, msg text);
GRANT SELECT, INSERT ON logs TO mt_writer;
GRANT USAGE ON SEQUENCE logs_id_seq TO mt_writer;

CREATE VIEW app.rich AS SELECT id, email FROM app.accounts WHERE balance > 100;
GRANT SELECT ON app.rich TO mt_reader;

CREATE FUNCTION app.total() RETURNS numeric LANGUAGE sql AS 'SELECT sum(balance) FROM app.accounts';

CREATE FUNCTION app.label(x integer) RETURNS text LANGUAGE sql AS 'SELECT x::text';
GRANT EXECUTE ON FUNCTION app.label(integer) TO mt_reader;

CREATE TABLE old_stuff (id integer, note text);
GRANT SELECT (note), UPDATE (note) ON old_stuff TO mt_reader;
