-- A typed table whose type gains, retypes and loses attributes in the upgrade, and a plain
-- table that becomes typed by a type its columns do not match.
CREATE TYPE item AS (id integer, label text, old_code text);
CREATE TABLE items OF item (
    id WITH OPTIONS PRIMARY KEY,
    old_code WITH OPTIONS DEFAULT 'x' NOT NULL
);
COMMENT ON COLUMN items.old_code IS 'to be retired';

CREATE TABLE tags (id integer, name text, extra integer);
