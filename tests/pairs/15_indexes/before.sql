CREATE TABLE docs (id integer PRIMARY KEY, title text, body text, owner integer, score integer, slug varchar(80));
CREATE INDEX docs_title_idx ON docs (title);
CREATE INDEX docs_gone_idx ON docs (score);
