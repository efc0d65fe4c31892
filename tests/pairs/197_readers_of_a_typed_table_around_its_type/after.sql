-- The type drops an attribute and retypes two (ALTER TYPE … CASCADE): the views reading
-- its typed table (and the view on those), the function whose body reads it, and the
-- rules naming the table, are dropped before and created after, as around a plain
-- table's column change.
CREATE TYPE item AS (id integer, label varchar(100), price numeric(12,2));
CREATE TABLE items OF item (id WITH OPTIONS PRIMARY KEY);

CREATE VIEW item_labels AS SELECT id, label FROM items;
CREATE VIEW priced AS SELECT id, price FROM items WHERE price > 0;
CREATE VIEW cheap AS SELECT id FROM priced WHERE price < 10;
COMMENT ON VIEW cheap IS 'cheap items';

-- A SQL-standard body reading the table.
CREATE FUNCTION label_of(item_id integer) RETURNS text LANGUAGE sql
BEGIN ATOMIC
    SELECT label FROM items WHERE id = item_id;
END;

CREATE TABLE item_log (id integer, label text);
CREATE RULE log_label AS ON UPDATE TO items DO ALSO
    INSERT INTO item_log VALUES (new.id, new.label);
CREATE RULE relabel AS ON INSERT TO item_log DO ALSO
    UPDATE items SET label = new.label WHERE items.id = new.id;

-- Typed by a type that does not change: left alone.
CREATE TYPE tag AS (id integer, name text);
CREATE TABLE tags OF tag;
CREATE VIEW tag_names AS SELECT name FROM tags;
