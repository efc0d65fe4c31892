CREATE FUNCTION limit_for(kind text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 20::bigint $$;
CREATE FUNCTION start_value() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 0::bigint $$;
CREATE TABLE quotas (kind text NOT NULL, used integer NOT NULL DEFAULT start_value(), CHECK (used <= limit_for(kind)));
