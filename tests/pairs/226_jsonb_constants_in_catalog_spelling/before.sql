CREATE TABLE docs (id integer PRIMARY KEY, body jsonb, meta jsonb, raw json);
