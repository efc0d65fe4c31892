-- Overloads share a name: each is replaced on its own, in place or dropped and created.
CREATE FUNCTION area(r double precision) RETURNS double precision LANGUAGE sql IMMUTABLE
    RETURN pi() * r * r;
CREATE FUNCTION area(w integer, h integer) RETURNS integer LANGUAGE sql IMMUTABLE
    RETURN w * h;
CREATE FUNCTION area(w numeric, h numeric) RETURNS numeric LANGUAGE sql IMMUTABLE
    RETURN w * h;

-- One function that calls itself, replaced in place.
CREATE FUNCTION fact(n integer) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN IF n <= 1 THEN RETURN 1; END IF; RETURN n * fact(n - 1); END $$;

-- One overload calls another from a SQL-standard body: the callee is created first.
CREATE FUNCTION label(n integer) RETURNS text LANGUAGE sql IMMUTABLE RETURN 'n=' || n;
CREATE FUNCTION label(n bigint) RETURNS text LANGUAGE sql IMMUTABLE RETURN label(n::integer);
