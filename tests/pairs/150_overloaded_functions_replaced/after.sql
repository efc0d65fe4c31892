-- Overloads share a name: each is replaced on its own, in place or dropped and created.
CREATE FUNCTION area(radius double precision) RETURNS double precision LANGUAGE sql IMMUTABLE
    RETURN 3.14159 * radius * radius;
CREATE FUNCTION area(w integer, h integer) RETURNS bigint LANGUAGE sql IMMUTABLE
    RETURN w::bigint * h;
CREATE FUNCTION area(w numeric, h numeric) RETURNS numeric LANGUAGE sql IMMUTABLE
    RETURN round(w * h, 2);

-- One function that calls itself, replaced in place.
CREATE FUNCTION fact(n integer) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN IF n < 2 THEN RETURN 1; END IF; RETURN n * fact(n - 1); END $$;

-- One overload calls another from a SQL-standard body: the callee is created first, and
-- recreated (a parameter is renamed) with its caller around it.
CREATE FUNCTION label(num integer) RETURNS text LANGUAGE sql IMMUTABLE RETURN 'number ' || num;
CREATE FUNCTION label(n bigint) RETURNS text LANGUAGE sql IMMUTABLE RETURN label(n::integer) || '!';
