CREATE FUNCTION add_one(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x + 2';
COMMENT ON FUNCTION add_one(integer) IS 'adds (a bit more than) one';
CREATE FUNCTION shape(n integer) RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN n * 2; END $$;
CREATE FUNCTION next_code(prefix text DEFAULT 'T') RETURNS text
    LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER PARALLEL SAFE COST 10
    SET search_path = pg_catalog, public
    AS $body$
BEGIN
    RETURN prefix || '-' || to_char(now(), 'YYYYMMDD');
END
$body$;
CREATE FUNCTION double_it(a integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN a * 2;
CREATE TABLE things (id integer PRIMARY KEY, n integer, code text DEFAULT next_code('X'), doubled integer CHECK (double_it(doubled) < 1000));
CREATE PROCEDURE reset_things(keep integer) LANGUAGE sql AS $$ DELETE FROM things WHERE id > keep $$;
