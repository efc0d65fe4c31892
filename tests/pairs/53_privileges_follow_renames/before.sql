CREATE TABLE customers (
    id integer PRIMARY KEY,
    name text,
    email text,
    total numeric,
    doubled numeric GENERATED ALWAYS AS (total * 2) STORED
);
GRANT SELECT ON customers TO mt_reader;
GRANT SELECT (email), UPDATE (email) ON customers TO mt_writer;
GRANT SELECT (doubled) ON customers TO mt_writer;

CREATE SEQUENCE invoice_no;
GRANT USAGE ON SEQUENCE invoice_no TO mt_writer;

CREATE PROCEDURE tidy() LANGUAGE sql AS $$ SELECT 1 $$;
REVOKE EXECUTE ON PROCEDURE tidy() FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE tidy() TO mt_writer;
