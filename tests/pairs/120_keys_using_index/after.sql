-- Unique indexes that became keys: PostgreSQL renames each to its constraint's name.
CREATE TABLE users (
    id integer NOT NULL,
    email text NOT NULL,
    tenant integer
);
CREATE UNIQUE INDEX users_id_idx ON users (id);
CREATE UNIQUE INDEX users_email_idx ON users (email) INCLUDE (tenant);
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx
    DEFERRABLE INITIALLY DEFERRED;
COMMENT ON CONSTRAINT users_pkey ON users IS 'built from an index';

-- A new table whose key is built from its own index, unnamed: the key takes the index's
-- name, and a column that was nullable becomes NOT NULL.
CREATE TABLE tags (
    id integer,
    name text
);
CREATE UNIQUE INDEX tags_by_id ON tags (id);
ALTER TABLE tags ADD PRIMARY KEY USING INDEX tags_by_id;

CREATE TABLE labels (
    id integer,
    name text
);
CREATE UNIQUE INDEX labels_name_idx ON labels (name);
ALTER TABLE labels ADD CONSTRAINT labels_name_key UNIQUE USING INDEX labels_name_idx;
