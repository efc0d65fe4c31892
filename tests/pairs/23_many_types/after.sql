CREATE TABLE kitchen_sink (
    id integer PRIMARY KEY,
    a smallint, b int8, c float4, d float8, e decimal(8), f numeric(8,3),
    g bool, h bytea, i inet, j cidr, k macaddr, l interval, m time, n timetz,
    o timestamp, p timestamptz(2), q date, r varbit(16), s bit varying, t tsvector,
    u point, v int4range, w json, x xml, y text[][], z numeric(10,2)[],
    aa character varying(5)[], bb "char", cc integer[] DEFAULT ARRAY[1, 2],
    dd interval(3)
);
