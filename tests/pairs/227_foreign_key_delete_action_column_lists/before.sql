-- A foreign key whose ON DELETE action sets every referencing column.
CREATE TABLE tenants (id integer PRIMARY KEY);
CREATE TABLE users (
    tenant_id integer NOT NULL,
    id integer NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE TABLE posts (
    tenant_id integer NOT NULL,
    id integer NOT NULL,
    author_id integer,
    editor_id integer DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT posts_author_fkey FOREIGN KEY (tenant_id, author_id)
        REFERENCES users (tenant_id, id) ON DELETE SET NULL
);
