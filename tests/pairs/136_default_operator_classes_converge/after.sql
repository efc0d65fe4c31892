-- An index that names its type's default operator class is the index that does not.
CREATE TABLE docs (
    id integer PRIMARY KEY,
    n integer,
    title text,
    body jsonb,
    tags text[]
);
CREATE INDEX docs_n ON docs (n int4_ops);
CREATE INDEX docs_title ON docs (title text_ops DESC);
CREATE INDEX docs_lower ON docs (lower(title) text_ops);
CREATE INDEX docs_body ON docs USING gin (body jsonb_ops);
CREATE INDEX docs_body_path ON docs USING gin (body jsonb_path_ops);
CREATE INDEX docs_author ON docs USING gin ((body -> 'author') jsonb_ops);
CREATE INDEX docs_tags ON docs USING gin (tags array_ops);
CREATE INDEX docs_title_pattern ON docs (title text_pattern_ops);
CREATE INDEX docs_n_hash ON docs USING hash (n int4_ops);
