-- New collations used by a new table's column, an existing column, a domain and an index
-- key: each collation is created before what uses it, and the down drops it after them.
CREATE TABLE tags (id integer PRIMARY KEY, code text NOT NULL);
CREATE INDEX tags_code_idx ON tags (code);
