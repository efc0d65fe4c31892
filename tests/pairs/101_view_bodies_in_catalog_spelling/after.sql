-- View bodies that `pg_get_viewdef` prints in another spelling (issue 12, class F): each
-- must compare equal to its catalog form, so a second generate finds nothing to do.
CREATE TABLE emp (id integer PRIMARY KEY, "Dept" text, boss integer, salary numeric, hired date, kind integer);
CREATE TABLE dept (name text PRIMARY KEY);
-- A CTE: the catalog expands `*` over it and qualifies its columns.
CREATE VIEW v_cte AS
    WITH d AS (SELECT "Dept", count(*) AS n FROM emp GROUP BY "Dept")
    SELECT * FROM d WHERE n > 1;
CREATE VIEW v_rec AS
    WITH RECURSIVE chain(id, boss, depth) AS (
        SELECT id, boss, 1 FROM emp WHERE boss IS NULL
        UNION ALL
        SELECT e.id, e.boss, c.depth + 1 FROM emp e JOIN chain c ON e.boss = c.id)
    SELECT id, depth FROM chain;
-- Window functions, inline and named.
CREATE VIEW v_win AS
    SELECT id, rank() OVER (PARTITION BY "Dept" ORDER BY salary DESC) AS r,
           sum(salary) OVER w AS s
    FROM emp WINDOW w AS (PARTITION BY "Dept");
CREATE VIEW v_case AS
    SELECT id,
           CASE WHEN salary > 100 THEN 'high' WHEN salary > 50 THEN 'mid' ELSE 'low' END AS band,
           CASE kind WHEN 1 THEN 'a' ELSE 'b' END AS k
    FROM emp;
CREATE VIEW v_extract AS
    SELECT id, extract(year FROM hired) AS y, date_part('month', hired) AS m FROM emp;
-- The sub-query reuses the outer alias; the catalog renames it `e_1`. A correlated column
-- of the outer query is qualified with the outer name.
CREATE VIEW v_alias AS
    SELECT e.id FROM emp e
    WHERE e.salary > (SELECT avg(e.salary) FROM emp e)
      AND EXISTS (SELECT 1 FROM dept WHERE name = "Dept");
-- Unquoted mixed case folds to lower case.
CREATE VIEW v_mixed AS SELECT Id, SALARY FROM Emp;
-- Multi-column ANY/ALL over sub-queries; `= ANY (SELECT …)` prints as `IN`.
CREATE VIEW v_any AS
    SELECT id FROM emp
    WHERE (id, kind) = ANY (SELECT id, kind FROM emp)
      AND (id, kind) <> ALL (SELECT boss, kind FROM emp);
-- Operator-like syntax and typed literals in a select list.
CREATE VIEW v_ops AS
    SELECT id, hired::timestamp AT TIME ZONE 'UTC' AS z, x'0F'::bit(8) AS bits,
           B'1010' AS b2, interval '1' day AS i, '5'::money AS m,
           ROW(id, kind) < ROW(1, 2) AS lt, "Dept" COLLATE "C" AS dc,
           id IS DISTINCT FROM boss AS moved
    FROM emp;
-- Grouping sets, VALUES with column aliases, aggregate FILTER and ORDER BY, subscripts.
CREATE VIEW v_rollup AS SELECT "Dept", sum(salary) FROM emp GROUP BY ROLLUP ("Dept");
CREATE VIEW v_values AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s);
CREATE VIEW v_filter AS
    SELECT "Dept", count(*) FILTER (WHERE salary > 10) AS n,
           string_agg(id::text, ',' ORDER BY id) AS ids
    FROM emp GROUP BY "Dept";
CREATE VIEW v_subscript AS SELECT (ARRAY[id, kind])[1] AS first FROM emp;
