CREATE SCHEMA app;
CREATE TABLE app.accounts (id integer PRIMARY KEY, email text);
CREATE FUNCTION app.total() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM app.accounts';
