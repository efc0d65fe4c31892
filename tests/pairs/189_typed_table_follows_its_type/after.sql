-- ALTER TYPE … CASCADE changes the typed table's columns; the table's own options on the
-- new attribute are set after the type has it.
CREATE TYPE item AS (id integer, label varchar(200), old_code text);
CREATE TABLE items OF item (id WITH OPTIONS PRIMARY KEY);
ALTER TYPE item DROP ATTRIBUTE old_code CASCADE, ADD ATTRIBUTE qty integer CASCADE;
ALTER TABLE items ALTER COLUMN qty SET DEFAULT 1, ALTER COLUMN qty SET NOT NULL;
COMMENT ON COLUMN items.qty IS 'how many';

-- Its columns are not the type's attributes: dropped and created again.
CREATE TYPE tag AS (id integer, name text);
CREATE TABLE tags OF tag (id WITH OPTIONS PRIMARY KEY);
