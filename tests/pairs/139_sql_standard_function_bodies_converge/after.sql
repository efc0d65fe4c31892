-- SQL-standard bodies (RETURN, BEGIN ATOMIC) and the implicit casts the catalog shows in
-- them.
CREATE TABLE items (id integer PRIMARY KEY, code varchar(10), name text);
CREATE FUNCTION item_count() RETURNS bigint LANGUAGE sql
    RETURN (SELECT count(*) FROM items);
CREATE FUNCTION item_code(i integer) RETURNS varchar LANGUAGE sql STABLE
    RETURN (SELECT code FROM items WHERE id = i);
CREATE FUNCTION item_label(i integer) RETURNS text LANGUAGE sql STABLE
    RETURN (SELECT code || ':' || name FROM items WHERE id = i);
CREATE FUNCTION code_upper(c varchar) RETURNS varchar LANGUAGE sql IMMUTABLE
    RETURN upper(c);
CREATE FUNCTION code_is(c varchar) RETURNS boolean LANGUAGE sql IMMUTABLE
    RETURN c IN ('a', 'b');
CREATE FUNCTION touch_item(i integer) RETURNS void LANGUAGE sql
BEGIN ATOMIC
    UPDATE items SET name = name || '!' WHERE id = i;
    INSERT INTO items (id, code, name) SELECT i + 1000, code, name FROM items WHERE id = i;
END;
CREATE FUNCTION item_names() RETURNS SETOF text LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT name FROM items WHERE code::text IN ('a') ORDER BY id;
END;
CREATE TABLE item_log (item integer, note text);
CREATE FUNCTION prune_items(keep integer) RETURNS void LANGUAGE sql
BEGIN ATOMIC
    DELETE FROM item_log l USING items WHERE l.item = items.id AND items.id > keep;
    UPDATE items SET name = l.note FROM item_log l WHERE l.item = items.id AND items.id <= keep;
    INSERT INTO item_log VALUES (keep, 'pruned');
    DELETE FROM items WHERE id > keep RETURNING id, code;
END;
