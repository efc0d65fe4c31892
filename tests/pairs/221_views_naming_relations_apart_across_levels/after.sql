-- The catalog names a query level's relations before its WITH queries and its
-- sub-queries in FROM, which then name theirs apart (`nodes` → `nodes_1`).
CREATE TABLE nodes (id integer PRIMARY KEY, parent integer, label text);

CREATE VIEW labelled AS
    WITH named AS (SELECT id, label FROM nodes WHERE label IS NOT NULL)
    SELECT nodes.id, named.label FROM nodes JOIN named USING (id);

CREATE VIEW with_parent AS
    SELECT p.id, nodes.label FROM (SELECT id, parent FROM nodes) p JOIN nodes ON nodes.id = p.parent;

CREATE VIEW shadowing AS
    WITH nodes AS (SELECT id FROM nodes WHERE parent IS NULL) SELECT nodes.id FROM nodes;

CREATE RECURSIVE VIEW depths (id, depth) AS
    SELECT id, 0 FROM nodes WHERE parent IS NULL
    UNION ALL
    SELECT n.id, d.depth + 1 FROM nodes n JOIN depths d ON n.parent = d.id;

CREATE VIEW counted AS
    WITH RECURSIVE up (n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM up WHERE n < 5)
    SELECT n FROM up;
