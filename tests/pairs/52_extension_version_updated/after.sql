-- Both extensions are updated in place (their objects stay); the down file asks for the
-- old versions back and keeps the new ones, as contrib ships no downgrade scripts.
CREATE EXTENSION hstore VERSION '1.8';
CREATE EXTENSION pg_trgm VERSION '1.6';

CREATE TABLE documents (
    id integer PRIMARY KEY,
    title text NOT NULL,
    attributes hstore
);
CREATE INDEX documents_title_trgm ON documents USING gin (title gin_trgm_ops);
