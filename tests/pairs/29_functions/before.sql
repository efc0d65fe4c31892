CREATE FUNCTION add_one(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
CREATE FUNCTION old_helper() RETURNS text LANGUAGE sql AS $$ SELECT 'old' $$;
CREATE FUNCTION shape(n integer) RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN n; END $$;
CREATE TABLE things (id integer PRIMARY KEY, n integer);
