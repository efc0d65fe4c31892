-- An index on the parent that adopts the partitions' matching indexes (CREATE INDEX on
-- the parent attaches them, as pg_dump's ON ONLY + ATTACH PARTITION does), and ones whose
-- partition indexes PostgreSQL builds and names itself (`visits_q1_ua_idx1`, since
-- `visits_q1_ua_idx`, another partial index, takes the first name and does not match):
-- those names are PostgreSQL's, never compared. A partition added later gets its indexes the same way.
CREATE TABLE visits (id bigint NOT NULL, day date NOT NULL, page text, ua text)
    PARTITION BY RANGE (day);
CREATE TABLE visits_q1 PARTITION OF visits FOR VALUES FROM ('2024-01-01') TO ('2024-04-01');
CREATE TABLE visits_q2 PARTITION OF visits FOR VALUES FROM ('2024-04-01') TO ('2024-07-01');
CREATE INDEX visits_page ON ONLY visits (page);
CREATE INDEX visits_q1_page ON visits_q1 (page);
ALTER INDEX visits_page ATTACH PARTITION visits_q1_page;
CREATE INDEX visits_q2_page ON visits_q2 (page);
ALTER INDEX visits_page ATTACH PARTITION visits_q2_page;
CREATE INDEX visits_q1_ua ON visits_q1 (ua);
CREATE INDEX visits_q1_ua_idx ON visits_q1 (ua) WHERE ua IS NOT NULL;
CREATE INDEX visits_ua_id ON visits (ua, id);
CREATE INDEX ON visits (ua) WHERE ua IS NOT NULL AND id > 0;
CREATE TABLE visits_q3 PARTITION OF visits FOR VALUES FROM ('2024-07-01') TO ('2024-10-01');
