CREATE TABLE docs (id integer PRIMARY KEY, tags text[], data jsonb);
CREATE VIEW numbers AS SELECT g FROM generate_series(1, 5) g;
CREATE VIEW doc_tags AS SELECT docs.id, tag FROM docs, unnest(docs.tags) AS tag;
CREATE VIEW doc_fields AS SELECT d.id, e.key, e.value FROM docs d CROSS JOIN LATERAL jsonb_each(d.data) e;
CREATE VIEW doc_everything AS SELECT * FROM docs, jsonb_array_elements(docs.data -> 'items') item;
CREATE VIEW ranked_tags AS SELECT docs.id, t, ordinality FROM docs, unnest(docs.tags) WITH ORDINALITY AS t;
CREATE VIEW plain_series AS SELECT * FROM generate_series(1, 3);
