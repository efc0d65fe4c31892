-- A collation changes a setting (dropped and created: nothing uses it), one is dropped,
-- one changes its comment only, one is new.
CREATE COLLATION sorted (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION sorted IS 'now case-insensitive';
CREATE COLLATION labelled (provider = icu, locale = 'fr');
COMMENT ON COLLATION labelled IS 'français';
CREATE COLLATION posix_order (locale = 'POSIX');
