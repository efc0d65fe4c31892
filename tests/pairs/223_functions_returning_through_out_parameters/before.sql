CREATE TYPE point2 AS (x integer, y integer);
CREATE FUNCTION stats(v integer) RETURNS integer LANGUAGE sql AS 'SELECT v';
