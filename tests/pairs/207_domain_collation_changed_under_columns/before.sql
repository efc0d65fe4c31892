-- The domain's collation changes while a table column uses it: the column goes to the
-- old base type (with the old collation) and back around the DROP and CREATE DOMAIN, and
-- the index and the view reading it go and come back.
CREATE DOMAIN label AS text COLLATE "C" NOT NULL;

CREATE TABLE tags (
    id integer PRIMARY KEY,
    name label,
    CONSTRAINT tags_name_filled CHECK (name <> '')
);
CREATE INDEX tags_name_idx ON tags (name);
CREATE VIEW tag_names AS SELECT id, name FROM tags ORDER BY name;
