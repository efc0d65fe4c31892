-- The parent gains a column, loses one and retypes one: the children follow.
CREATE TABLE note (
    id serial PRIMARY KEY,
    note_class bigint NOT NULL,
    note text NOT NULL,
    created timestamp with time zone DEFAULT now(),
    subject text,
    CONSTRAINT note_class_positive CHECK (note_class > 0)
);
CREATE TABLE entity_note (
    entity_id integer,
    PRIMARY KEY (id)
) INHERITS (note);
ALTER TABLE entity_note ADD CHECK (note_class = 1);
COMMENT ON COLUMN entity_note.note IS 'entity note body';

CREATE TABLE invoice_note (
    id integer NOT NULL,
    note text NOT NULL,
    CONSTRAINT note_class_positive CHECK (note_class > 0)
) INHERITS (note);

CREATE TABLE audit_base (at timestamptz NOT NULL DEFAULT now(), who text);
-- Loses its parent (NO INHERIT): the columns stay, as its own.
CREATE TABLE leaving (who text, at timestamptz NOT NULL DEFAULT now(), reason text);
-- Gains a parent (INHERIT): it declares the parent's columns, as PostgreSQL requires.
CREATE TABLE standalone (at timestamptz NOT NULL DEFAULT now(), who text, what text) INHERITS (audit_base);

-- New parent and children, one with two parents and no column of its own.
CREATE TABLE tagged (tag text NOT NULL DEFAULT 'none');
CREATE TABLE tagged_item (item integer NOT NULL) INHERITS (tagged);
CREATE TABLE both_kinds () INHERITS (tagged, audit_base);
