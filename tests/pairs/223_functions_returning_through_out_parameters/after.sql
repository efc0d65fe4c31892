-- A function that states no result returns its OUT parameters: the one's type, or
-- `record` for several, as the catalog prints it.
CREATE TYPE point2 AS (x integer, y integer);
CREATE FUNCTION stats(v integer, OUT doubled integer, OUT halved numeric)
    LANGUAGE sql AS 'SELECT v * 2, v / 2.0';
CREATE FUNCTION swap(INOUT a integer, INOUT b integer)
    LANGUAGE sql IMMUTABLE AS 'SELECT b, a';
CREATE FUNCTION origin(OUT p point2) LANGUAGE sql AS 'SELECT ROW(0, 0)::point2';
CREATE FUNCTION label(INOUT t text) LANGUAGE plpgsql AS $$ BEGIN t := upper(t); END $$;
CREATE PROCEDURE bump(INOUT n integer) LANGUAGE plpgsql AS $$ BEGIN n := n + 1; END $$;
