-- A collation changes a setting (dropped and created, with a column using it), one is dropped,
-- one changes its comment only, one is new.
CREATE COLLATION sorted (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION sorted IS 'now case-insensitive';
CREATE COLLATION labelled (provider = icu, locale = 'fr');
COMMENT ON COLLATION labelled IS 'français';
CREATE COLLATION posix_order (locale = 'POSIX');

-- The changed collation's column goes to its type's own collation and back around the
-- DROP and CREATE COLLATION; the index on it and the view reading it go and come back.
CREATE TABLE words (id integer PRIMARY KEY, w text COLLATE sorted NOT NULL);
CREATE INDEX words_w_idx ON words (w);
CREATE VIEW word_list AS SELECT id, w FROM words;
