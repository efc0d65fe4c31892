-- Rules read columns of their own table (new.x, old.x) that are retyped, or dropped and
-- added again (a generation expression changes): PostgreSQL refuses the change while they
-- stand, so they are dropped before and created after. A rule reading only columns that
-- stay is left alone, on a typed table too, whose type retypes another attribute.
CREATE TABLE audit (id integer, note text);

CREATE TABLE items (
    id integer PRIMARY KEY,
    label varchar(100),
    price numeric(12,2),
    qty integer,
    total integer GENERATED ALWAYS AS (qty * 3) STORED
);
-- Reads label (retyped) in its action.
CREATE RULE log_label AS ON UPDATE TO items DO ALSO
    INSERT INTO audit VALUES (new.id, new.label);
-- Reads price (retyped) in its condition.
CREATE RULE no_free AS ON INSERT TO items WHERE new.price = 0 DO INSTEAD NOTHING;
-- Reads total (dropped and added again).
CREATE RULE log_total AS ON DELETE TO items DO ALSO
    INSERT INTO audit VALUES (old.id, old.total::text);
-- Reads only id and qty: left alone.
CREATE RULE log_qty AS ON UPDATE TO items WHERE new.qty < 0 DO ALSO
    INSERT INTO audit VALUES (new.id, 'negative');
COMMENT ON RULE log_label ON items IS 'labels changed';

CREATE TYPE thing AS (id integer, size integer, name text);
CREATE TABLE things OF thing;
-- Reads size (retyped by the type).
CREATE RULE log_size AS ON UPDATE TO things DO ALSO
    INSERT INTO audit VALUES (new.id, new.size::text);
-- Reads only name: left alone.
CREATE RULE log_name AS ON INSERT TO things DO ALSO
    INSERT INTO audit VALUES (0, new.name);
