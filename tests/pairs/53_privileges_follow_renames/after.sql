-- The table and a column are renamed: their grants follow without a REVOKE/GRANT pair. The
-- generated column is dropped and added again (new expression): its grant comes back. The
-- sequence is dropped: its grant is undone first, so the down file can restore it. The
-- procedure's grants are left as they are.
-- migrator:renamed-from customers
CREATE TABLE clients (
    id integer CONSTRAINT customers_pkey PRIMARY KEY,
    name text,
    contact text, -- migrator:renamed-from email
    total numeric,
    doubled numeric GENERATED ALWAYS AS (total * 3) STORED
);
GRANT SELECT ON clients TO mt_reader;
GRANT SELECT (contact), UPDATE (contact) ON clients TO mt_writer;
GRANT SELECT (doubled) ON clients TO mt_writer;

CREATE PROCEDURE tidy() LANGUAGE sql AS $$ SELECT 1 $$;
REVOKE ALL ON ROUTINE tidy() FROM PUBLIC;
GRANT ALL ON PROCEDURE tidy() TO mt_writer;
