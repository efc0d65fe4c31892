-- Rewrite rules: one changed, one dropped, one kept, new ones with several actions and
-- on a view.
CREATE TABLE file_attachment (
    id integer PRIMARY KEY,
    source_class integer NOT NULL,
    dest_class integer NOT NULL,
    ref_key integer,
    note text
);
CREATE TABLE file_tx (file_id integer, source_class integer, ref_key integer, dest_class integer);
CREATE TABLE file_order (file_id integer, source_class integer, ref_key integer, dest_class integer);
CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, what text);

-- changed: another condition, and the column list left to PostgreSQL
CREATE RULE attach_tx AS ON INSERT TO file_attachment
WHERE source_class = 1 and dest_class IN (1, 2)
DO INSTEAD
INSERT INTO file_tx VALUES (new.id, 1, new.ref_key, new.dest_class);

-- kept, spelled differently
create rule keep_order as on delete to public.file_order do instead nothing;

CREATE RULE attach_order AS ON INSERT TO file_attachment
WHERE source_class = 2
DO INSTEAD (
    INSERT INTO file_order VALUES (new.id, 2, new.ref_key, new.dest_class);
    UPDATE audit SET what = 'ordered: ' || coalesce(new.note, '') WHERE id < 0;
    DELETE FROM file_tx WHERE ref_key = new.ref_key AND file_id IS NULL
);

CREATE VIEW open_orders AS SELECT file_id, ref_key FROM file_order WHERE dest_class = 2;

CREATE RULE open_orders_insert AS ON INSERT TO open_orders DO INSTEAD
    INSERT INTO file_order (file_id, ref_key, dest_class, source_class)
    VALUES (new.file_id, new.ref_key, 2, 1)
    RETURNING file_id, ref_key;
