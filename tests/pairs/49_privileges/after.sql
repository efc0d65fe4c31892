CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO mt_reader, mt_writer;
REVOKE USAGE ON SCHEMA public FROM PUBLIC;

-- The grant option is new; a column privilege is added.
CREATE TABLE app.accounts (id integer PRIMARY KEY, email text, balance numeric);
GRANT SELECT ON app.accounts TO mt_reader WITH GRANT OPTION;
GRANT UPDATE (email) ON app.accounts TO mt_writer;

-- INSERT revoked; ALL on the sequence.
CREATE TABLE logs (id bigserial PRIMARY KEY, msg text);
GRANT SELECT ON logs TO mt_writer;
GRANT ALL ON SEQUENCE logs_id_seq TO mt_writer;

-- The view is dropped and created again (its columns change order): its grants come back.
CREATE VIEW app.rich AS SELECT email, id FROM app.accounts WHERE balance > 100;
GRANT SELECT ON app.rich TO mt_reader, mt_writer;

-- A default privilege taken away.
CREATE FUNCTION app.total() RETURNS numeric LANGUAGE sql AS 'SELECT sum(balance) FROM app.accounts';
REVOKE ALL ON FUNCTION app.total() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.total() TO mt_reader;

-- A new result type: dropped and created, the grant put back.
CREATE FUNCTION app.label(x integer) RETURNS character varying LANGUAGE sql AS 'SELECT x::text';
GRANT EXECUTE ON FUNCTION app.label(integer) TO mt_reader;

-- old_stuff is gone with its column grants; a new table comes with its own.
CREATE TABLE app.audit (id integer, at timestamp with time zone);
GRANT INSERT, SELECT ON app.audit TO mt_writer;
