-- A foreign key that references a unique index (not a constraint): the index changes.
CREATE TABLE products (id integer PRIMARY KEY, code text NOT NULL);
CREATE UNIQUE INDEX products_code_idx ON products (code) INCLUDE (id);
CREATE TABLE stock (code text REFERENCES products (code), qty integer);

-- A partitioned table whose key and index reach every partition.
CREATE TABLE readings (id bigint NOT NULL, at date NOT NULL, sensor integer, PRIMARY KEY (at, id))
    PARTITION BY RANGE (at);
CREATE TABLE readings_2020 PARTITION OF readings FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE readings_2021 PARTITION OF readings FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
CREATE INDEX readings_sensor_idx ON readings (sensor, at);

-- A unique index under a foreign key, replaced by a unique constraint.
CREATE TABLE regions (id integer, code text NOT NULL UNIQUE);
CREATE TABLE offices (region text NOT NULL REFERENCES regions (code));
