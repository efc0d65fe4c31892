-- New collations used by a new table's column, an existing column, a domain and an index
-- key: each collation is created before what uses it, and the down drops it after them.
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION posix_order (locale = 'POSIX');
CREATE COLLATION byte_order (lc_collate = 'C', lc_ctype = 'C');

CREATE DOMAIN label AS text COLLATE nocase;

CREATE TABLE tags (id integer PRIMARY KEY, code text COLLATE public.posix_order NOT NULL);
CREATE INDEX tags_code_idx ON tags (code);
CREATE INDEX tags_code_bytes_idx ON tags (code COLLATE byte_order);

CREATE TABLE people (id integer PRIMARY KEY, name text COLLATE nocase, nick label);
