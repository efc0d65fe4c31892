-- is_even() and start_value() are dropped and created (a parameter renamed, a result type
-- changed): the domain CHECKs and the domain default calling them are taken off before
-- and put back after; small_even's own change of its other CHECK comes with the put-back.
CREATE FUNCTION is_even(x integer) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT x % 2 = 0 $$;
CREATE FUNCTION start_value() RETURNS bigint LANGUAGE sql IMMUTABLE
    AS $$ SELECT 2::bigint $$;

CREATE DOMAIN even AS integer DEFAULT start_value()
    CONSTRAINT even_check CHECK (is_even(VALUE))
    CONSTRAINT even_positive CHECK (VALUE > 0);
CREATE DOMAIN small_even AS integer
    CONSTRAINT small_even_check CHECK (is_even(VALUE))
    CONSTRAINT small_even_max CHECK (VALUE < 1000);
COMMENT ON DOMAIN small_even IS 'an even number below the limit';
-- Calls neither: left alone.
CREATE DOMAIN odd AS integer CONSTRAINT odd_check CHECK (VALUE % 2 = 1);

CREATE TABLE counts (
    id integer PRIMARY KEY,
    n even,
    m small_even,
    o odd
);
