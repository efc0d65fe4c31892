CREATE FUNCTION how_many(VARIADIC xs int[]) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT cardinality(xs) $$;
CREATE FUNCTION joined(sep text, VARIADIC parts text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT array_to_string(parts, sep) $$;
CREATE TABLE t (a int, b int, j jsonb, s text);
-- The catalog prints each spread call as `f(…, VARIADIC ARRAY[…])`.
CREATE VIEW v AS
SELECT how_many(1, 2, 3) AS n,
       how_many(a, b) AS m,
       how_many(VARIADIC ARRAY[a]) AS one,
       joined('-', s, 'x') AS parts,
       jsonb_extract_path(j, 'k', 'l') AS deep,
       concat_ws(',', s, 'x') AS any_variadic
FROM t
WHERE how_many(a) > 0;
