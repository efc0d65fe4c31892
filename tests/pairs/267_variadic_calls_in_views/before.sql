CREATE FUNCTION how_many(VARIADIC xs int[]) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT cardinality(xs) $$;
CREATE FUNCTION joined(sep text, VARIADIC parts text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT array_to_string(parts, sep) $$;
CREATE TABLE t (a int, b int, j jsonb, s text);
