CREATE EXTENSION hstore VERSION '1.7';
CREATE EXTENSION pg_trgm VERSION '1.5';

CREATE TABLE documents (
    id integer PRIMARY KEY,
    title text NOT NULL,
    attributes hstore
);
CREATE INDEX documents_title_trgm ON documents USING gin (title gin_trgm_ops);
