CREATE SCHEMA app;
-- Entries for another role: what dp_owner creates later gets them, not the objects here.
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner IN SCHEMA app GRANT SELECT, UPDATE ON TABLES TO dp_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner, dp_writer GRANT USAGE ON SEQUENCES TO dp_reader;
-- A grant to the role itself is its own privilege, not an entry.
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner GRANT SELECT ON TABLES TO dp_owner;
-- And one for the role running the files, next to them.
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO dp_writer;
CREATE TABLE app.items (id integer PRIMARY KEY);
