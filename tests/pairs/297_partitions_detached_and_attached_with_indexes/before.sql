CREATE TABLE kinds (kind text PRIMARY KEY);
CREATE TABLE measures (id int, kind text REFERENCES kinds, v int) PARTITION BY LIST (kind);
CREATE TABLE measures_a PARTITION OF measures FOR VALUES IN ('a');
CREATE INDEX measures_v_idx ON measures (v);
ALTER TABLE measures ADD PRIMARY KEY (kind, id);

CREATE TABLE measures_b (id int NOT NULL, kind text NOT NULL, v int);
CREATE INDEX measures_b_local_idx ON measures_b (v);
