-- measures_a leaves: DETACH keeps copies of the parent's index, key and foreign key,
-- which go.
-- measures_b joins but keeps its own index beside the one the parent's index gives it:
-- ATTACH would take the matching index for the parent's, so it is built after.
CREATE TABLE kinds (kind text PRIMARY KEY);
CREATE TABLE measures (id int, kind text REFERENCES kinds, v int) PARTITION BY LIST (kind);
CREATE TABLE measures_a (id int NOT NULL, kind text NOT NULL, v int);
CREATE INDEX measures_v_idx ON measures (v);
ALTER TABLE measures ADD PRIMARY KEY (kind, id);

CREATE TABLE measures_b (id int NOT NULL, kind text NOT NULL, v int);
ALTER TABLE measures ATTACH PARTITION measures_b FOR VALUES IN ('b');
CREATE INDEX measures_b_local_idx ON measures_b (v);
