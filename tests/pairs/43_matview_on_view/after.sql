CREATE TABLE m (id integer PRIMARY KEY, g text, v numeric);
CREATE VIEW m_pos AS SELECT id, g, v FROM m WHERE v > 0;
CREATE MATERIALIZED VIEW m_stats AS SELECT g, avg(v) AS mean, max(v) AS top FROM m_pos GROUP BY g;
CREATE INDEX m_stats_g_idx ON m_stats (g);
COMMENT ON MATERIALIZED VIEW m_stats IS 'per group';
