-- An index created on a partitioned table while a partition's bound changes (DETACH and
-- ATTACH) or a partition leaves: the index comes after them, so the down file drops it
-- before it detaches the partition again (a partition detached under the index keeps a
-- copy of it).
CREATE TABLE m (id int NOT NULL, region text NOT NULL, v int) PARTITION BY LIST (region);
CREATE TABLE m_eu PARTITION OF m FOR VALUES IN ('eu', 'uk');
CREATE TABLE m_us PARTITION OF m FOR VALUES IN ('us');
CREATE TABLE m_asia (id int NOT NULL, region text NOT NULL, v int);
CREATE INDEX m_v_idx ON m (v);
