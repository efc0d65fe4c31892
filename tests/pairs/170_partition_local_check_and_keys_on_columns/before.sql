CREATE TABLE readings (
    id bigint NOT NULL,
    sensor integer NOT NULL,
    value numeric CHECK (value >= 0),
    code text,
    PRIMARY KEY (id, sensor)
) PARTITION BY LIST (sensor);
CREATE TABLE readings_1 PARTITION OF readings FOR VALUES IN (1);

CREATE TABLE logs (id bigint, shard integer NOT NULL, msg text) PARTITION BY LIST (shard);
CREATE TABLE logs_1 PARTITION OF logs FOR VALUES IN (1);
