CREATE FUNCTION limit_for(kind text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 10 $$;
CREATE FUNCTION start_value() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$;
CREATE TABLE quotas (kind text NOT NULL, used integer NOT NULL DEFAULT start_value(), CHECK (used <= limit_for(kind)));
