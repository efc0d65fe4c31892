CREATE TABLE docs (id integer PRIMARY KEY, title text, body text, owner integer, score integer, slug varchar(80));
CREATE INDEX docs_title_idx ON docs (title DESC NULLS LAST);
CREATE UNIQUE INDEX docs_slug_lower_idx ON docs (lower(slug)) WHERE owner IS NOT NULL;
CREATE INDEX ON docs (owner, score) INCLUDE (title) WITH (fillfactor = 70);
CREATE INDEX docs_body_hash_idx ON docs USING hash (body);
CREATE INDEX docs_title_pattern_idx ON docs (title text_pattern_ops);
CREATE INDEX docs_expr_idx ON docs ((score + owner), (title || body));
CREATE UNIQUE INDEX docs_owner_slug_key ON docs (owner, slug) NULLS NOT DISTINCT;
