-- Views reading set-returning functions in FROM, written without the column lists,
-- qualifiers and LATERAL the catalog prints (`generate_series(1, 3) g(g)`,
-- `LATERAL jsonb_each(t.data) e(key, value)`): created once, then nothing to do; a
-- changed call is a changed view.
CREATE TABLE docs (id integer PRIMARY KEY, tags text[], data jsonb);
CREATE VIEW numbers AS SELECT g FROM generate_series(1, 3) g;
