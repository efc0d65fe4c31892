-- Rewrite rules: on tables and on a view, INSTEAD and ALSO, conditions, several actions.
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

CREATE RULE attach_tx AS ON INSERT TO file_attachment
WHERE source_class = 1 and dest_class = 2
DO INSTEAD
INSERT INTO file_tx(file_id, source_class, ref_key, dest_class)
VALUES (new.id, 1, new.ref_key, 2);

CREATE RULE keep_order AS ON DELETE TO file_order DO INSTEAD NOTHING;

CREATE RULE dropped_later AS ON UPDATE TO file_tx DO ALSO
    INSERT INTO audit (what) VALUES ('file_tx ' || old.file_id::text || ' updated');
