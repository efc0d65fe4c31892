CREATE SCHEMA app;
CREATE TYPE app.kind AS ENUM ('a', 'b');
CREATE TABLE app.things (id integer CONSTRAINT things_pk PRIMARY KEY, k app.kind);
CREATE INDEX things_k_idx ON app.things (k);
COMMENT ON TABLE app.things IS 'old comment';
COMMENT ON COLUMN app.things.k IS 'gone soon';
