-- Collations created: ICU and libc, nondeterministic, with LC_COLLATE and LC_CTYPE apart,
-- copied from another (FROM), commented, and one in another schema.
CREATE SCHEMA intl;

CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION nocase IS 'case-insensitive';
CREATE COLLATION IF NOT EXISTS bytewise (locale = 'C');
CREATE COLLATION split_locale (lc_collate = 'C', lc_ctype = 'POSIX');
CREATE COLLATION german FROM "de-x-icu";
CREATE COLLATION nocase_copy FROM nocase;
CREATE COLLATION intl.numeric (provider = icu, locale = 'en-u-kn-true');

CREATE TABLE people (id integer PRIMARY KEY, name text);
