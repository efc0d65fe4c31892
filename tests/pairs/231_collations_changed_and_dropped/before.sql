-- A collation changes a setting (dropped and created: nothing uses it), one is dropped,
-- one changes its comment only, one is new.
CREATE COLLATION sorted (provider = icu, locale = 'und');
CREATE COLLATION old_c (locale = 'C');
CREATE COLLATION labelled (provider = icu, locale = 'fr');
COMMENT ON COLLATION labelled IS 'French';
