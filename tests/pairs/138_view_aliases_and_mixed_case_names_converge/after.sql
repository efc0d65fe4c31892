-- A sub-query reusing an outer alias (the catalog renames it `s_1`) and unquoted
-- mixed-case names in a view body.
CREATE TABLE Staff (Id integer PRIMARY KEY, BossId integer, Dept text);
CREATE VIEW Bosses AS
    SELECT s.Id, s.Dept,
           (SELECT count(*) FROM Staff s WHERE s.BossId = 1) AS Reports
    FROM Staff s
    WHERE EXISTS (SELECT 1 FROM Staff s WHERE s.Dept = 'x');
CREATE VIEW Peers AS
    SELECT a.Id, b.Id AS PeerId
    FROM Staff a JOIN Staff b ON a.Dept = b.Dept AND a.Id <> b.Id
    WHERE a.Id IN (SELECT a.BossId FROM Staff a);
