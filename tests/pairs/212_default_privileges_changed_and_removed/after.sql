CREATE SCHEMA app;
CREATE TABLE app.accounts (id integer PRIMARY KEY, email text);

-- The grant option added; a privilege added to an entry; another entry gone.
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO dp_reader WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT INSERT ON TABLES TO dp_reader;
-- EXECUTE for PUBLIC back to its built-in default; USAGE on types now with grant option.
ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO dp_writer WITH GRANT OPTION;
-- Schema old is dropped, and its entries with it.
