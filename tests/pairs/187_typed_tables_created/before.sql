-- The composite types exist; the typed tables come in the upgrade, and a plain table whose
-- columns are already the type's attributes becomes typed in place.
CREATE TYPE person AS (id integer, name text, score numeric(10,2));

CREATE TABLE staff (id integer, name text, score numeric(10,2));
