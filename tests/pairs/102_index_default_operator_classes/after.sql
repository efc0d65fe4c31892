-- An index naming its column type's default operator class is the index naming none,
-- which is how the catalog prints it (issue 12, class F); a non-default class is kept.
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE docs (id integer PRIMARY KEY, n integer, body jsonb, title varchar(200), tags text[], feel mood);
CREATE INDEX docs_n ON docs (n int4_ops);
CREATE INDEX docs_n_hash ON docs USING hash (n pg_catalog.int4_ops);
CREATE INDEX docs_body ON docs USING gin (body jsonb_ops);
CREATE INDEX docs_body_path ON docs USING gin (body jsonb_path_ops);
CREATE INDEX docs_title ON docs (title text_ops DESC);
CREATE INDEX docs_title_pattern ON docs (title varchar_pattern_ops);
CREATE INDEX docs_tags ON docs USING gin (tags array_ops);
CREATE INDEX docs_feel ON docs (feel enum_ops, n);
-- An expression key names no class.
CREATE INDEX docs_lower ON docs (lower(title));
