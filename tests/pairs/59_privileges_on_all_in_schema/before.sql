CREATE SCHEMA app;
CREATE TABLE app.users (id serial PRIMARY KEY, name text);
CREATE VIEW app.user_names AS SELECT name FROM app.users;
CREATE FUNCTION app.user_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM app.users';
CREATE PROCEDURE app.purge() LANGUAGE sql AS 'DELETE FROM app.users';
