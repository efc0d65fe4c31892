CREATE TABLE note (
    id serial PRIMARY KEY,
    note_class integer NOT NULL,
    note text NOT NULL,
    created timestamp with time zone DEFAULT now(),
    obsolete text,
    CONSTRAINT note_class_positive CHECK (note_class > 0)
);
-- Inherited columns, NOT NULL and the CHECK come from the parent; the primary key does not.
CREATE TABLE entity_note (
    entity_id integer,
    PRIMARY KEY (id)
) INHERITS (note);
ALTER TABLE entity_note ADD CHECK (note_class = 1);
COMMENT ON COLUMN entity_note.note IS 'entity note body';

-- Columns and a CHECK declared locally and inherited (merged).
CREATE TABLE invoice_note (
    id integer NOT NULL,
    note text NOT NULL,
    CONSTRAINT note_class_positive CHECK (note_class > 0)
) INHERITS (note);

CREATE TABLE audit_base (at timestamptz NOT NULL DEFAULT now(), who text);
CREATE TABLE leaving (who text, at timestamptz NOT NULL DEFAULT now(), reason text) INHERITS (audit_base);
CREATE TABLE standalone (at timestamptz NOT NULL DEFAULT now(), who text, what text);

CREATE TABLE old_parent (a integer);
CREATE TABLE old_child (b integer) INHERITS (old_parent);
