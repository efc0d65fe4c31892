-- View bodies the catalog prints in its own words: CTEs, WITH RECURSIVE, window
-- functions, CASE and extract(…).
CREATE TABLE staff (id integer PRIMARY KEY, boss integer, dept text, pay numeric, hired date);
CREATE VIEW chain AS
    WITH RECURSIVE up(id, boss, depth) AS (
        SELECT id, boss, 1 FROM staff WHERE boss IS NULL
        UNION ALL
        SELECT s.id, s.boss, u.depth + 1 FROM staff s JOIN up u ON s.boss = u.id
    )
    SELECT id, boss, depth FROM up;
CREATE VIEW ranked AS
    WITH base AS (SELECT id, dept, pay FROM staff WHERE pay > 0)
    SELECT id, dept,
           rank() OVER (PARTITION BY dept ORDER BY pay DESC) AS r,
           sum(pay) OVER w AS running,
           avg(pay) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS moving
    FROM base
    WINDOW w AS (PARTITION BY dept ORDER BY id);
CREATE VIEW banded AS
    SELECT id,
           CASE WHEN pay < 1000 THEN 'low' WHEN pay < 5000 THEN 'mid' ELSE 'high' END AS band,
           CASE dept WHEN 'a' THEN 1 ELSE 0 END AS is_a,
           extract(year FROM hired) AS year_hired,
           EXTRACT(EPOCH FROM now() - hired::timestamp) AS age_s,
           date_part('month', hired) AS month_hired
    FROM staff;
