CREATE TABLE t (a numeric, b int, v varchar(10), d date);
CREATE VIEW v AS SELECT a::int AS a, b, v::text AS vt, d::timestamp AS ts FROM t;
CREATE VIEW w AS SELECT a, vt FROM v;
CREATE VIEW keep AS SELECT b::int AS b, v::varchar AS v, 'x'::text AS c, count(*)::bigint AS n FROM t GROUP BY b, v;
