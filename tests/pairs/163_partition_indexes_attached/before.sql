-- Partitions with indexes of their own, before the parent has any.
CREATE TABLE visits (id bigint NOT NULL, day date NOT NULL, page text, ua text)
    PARTITION BY RANGE (day);
CREATE TABLE visits_q1 PARTITION OF visits FOR VALUES FROM ('2024-01-01') TO ('2024-04-01');
CREATE TABLE visits_q2 PARTITION OF visits FOR VALUES FROM ('2024-04-01') TO ('2024-07-01');
CREATE INDEX visits_q1_page ON visits_q1 (page);
CREATE INDEX visits_q2_page ON visits_q2 (page);
CREATE INDEX visits_q1_ua ON visits_q1 (ua);
CREATE INDEX visits_q1_ua_idx ON visits_q1 (ua) WHERE ua IS NOT NULL;
