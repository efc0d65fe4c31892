-- A partition key that casts its column keys by the cast's type: the cast stays in the
-- DDL (a cast of a column to its own type is the column, as PostgreSQL stores it).
CREATE TABLE logs (id bigint NOT NULL, ts timestamp NOT NULL) PARTITION BY RANGE ((ts::date));
CREATE TABLE logs_2024 PARTITION OF logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE TABLE amounts (
    id bigint NOT NULL,
    n numeric NOT NULL,
    code varchar(10) NOT NULL,
    label text NOT NULL
) PARTITION BY RANGE ((n::integer), (code::text), (label::text));
CREATE TABLE amounts_low PARTITION OF amounts FOR VALUES FROM (0, 'a', 'a') TO (100, 'z', 'z');
