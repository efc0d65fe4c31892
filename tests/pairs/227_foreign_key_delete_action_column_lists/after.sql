-- PostgreSQL 15's column lists on ON DELETE SET NULL / SET DEFAULT: only the listed
-- referencing columns are set (the tenant stays). The list changes the constraint, which
-- is dropped and added; a list on a new foreign key is written in its definition.
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
        REFERENCES users (tenant_id, id) ON DELETE SET NULL (author_id),
    CONSTRAINT posts_editor_fkey FOREIGN KEY (tenant_id, editor_id)
        REFERENCES users (tenant_id, id) ON DELETE SET DEFAULT (editor_id)
);
