-- Column and table constraints in a partition's column list are the partition's own,
-- next to the parent's: a CHECK, a UNIQUE and a PRIMARY KEY (on a column the parent
-- leaves nullable, which the key makes NOT NULL on that partition only).
CREATE TABLE readings (
    id bigint NOT NULL,
    sensor integer NOT NULL,
    value numeric CHECK (value >= 0),
    code text,
    PRIMARY KEY (id, sensor)
) PARTITION BY LIST (sensor);
CREATE TABLE readings_1 PARTITION OF readings FOR VALUES IN (1);
CREATE TABLE readings_2 PARTITION OF readings (
    value CHECK (value < 1000),
    code UNIQUE NOT NULL,
    CONSTRAINT readings_2_code_chk CHECK (code <> '')
) FOR VALUES IN (2);

CREATE TABLE logs (id bigint, shard integer NOT NULL, msg text) PARTITION BY LIST (shard);
CREATE TABLE logs_1 PARTITION OF logs FOR VALUES IN (1);
CREATE TABLE logs_2 PARTITION OF logs (id PRIMARY KEY, msg DEFAULT '') FOR VALUES IN (2);
