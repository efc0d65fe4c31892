-- Collations created: ICU and libc, nondeterministic, with LC_COLLATE and LC_CTYPE apart,
-- copied from another (FROM), commented, and one in another schema.
CREATE TABLE people (id integer PRIMARY KEY, name text);
