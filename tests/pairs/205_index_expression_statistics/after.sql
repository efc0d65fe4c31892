-- A target changed, one set back to the default and one kept; an index recreated (its
-- predicate changes) with its target set again; a new index with a target of its own.
CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL,
    name text,
    created timestamptz
);

CREATE INDEX users_lower_email ON users (lower(email));
ALTER INDEX users_lower_email ALTER COLUMN 1 SET STATISTICS 1000;

CREATE INDEX users_name_created ON users (name, (length(name)), upper(name));
ALTER INDEX users_name_created ALTER COLUMN 2 SET STATISTICS 200;

CREATE INDEX users_id_name ON users (id, lower(name)) WHERE name IS NOT NULL;
ALTER INDEX users_id_name ALTER COLUMN 2 SET STATISTICS 150;

CREATE INDEX users_email_domain ON users (split_part(email, '@', 2));
ALTER INDEX users_email_domain ALTER COLUMN 1 SET STATISTICS 50;

-- A copy's indexes start from the default targets, as PostgreSQL copies them.
CREATE TABLE users_copy (LIKE users INCLUDING INDEXES);
