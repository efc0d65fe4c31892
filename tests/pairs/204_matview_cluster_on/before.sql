-- Materialized views clustered on an index, which the desired state changes.
CREATE TABLE readings (
    id integer PRIMARY KEY,
    sensor integer NOT NULL,
    value double precision
);

CREATE MATERIALIZED VIEW sensor_readings AS
SELECT id, sensor, value FROM readings;
CREATE UNIQUE INDEX sensor_readings_id ON sensor_readings (id);
CREATE INDEX sensor_readings_sensor ON sensor_readings (sensor);
ALTER MATERIALIZED VIEW sensor_readings CLUSTER ON sensor_readings_id;

CREATE MATERIALIZED VIEW high_readings AS
SELECT id, value FROM readings WHERE value > 10;
CREATE INDEX high_readings_value ON high_readings (value);
ALTER MATERIALIZED VIEW high_readings CLUSTER ON high_readings_value;

CREATE MATERIALIZED VIEW old_readings AS
SELECT id, sensor FROM readings WHERE id < 100;
CREATE INDEX old_readings_sensor ON old_readings (sensor);
ALTER MATERIALIZED VIEW old_readings CLUSTER ON old_readings_sensor;

-- A materialized view clustered on an index that changes, and a clustered table that is
-- dropped.
CREATE TABLE items (
    id integer PRIMARY KEY,
    sku text NOT NULL,
    price numeric
);

CREATE MATERIALIZED VIEW item_prices AS
SELECT id, sku, price FROM items;
CREATE INDEX item_prices_sku ON item_prices (sku);
ALTER MATERIALIZED VIEW item_prices CLUSTER ON item_prices_sku;

CREATE TABLE old_items (
    id integer PRIMARY KEY,
    sku text
);
CREATE INDEX old_items_sku ON old_items (sku);
ALTER TABLE old_items CLUSTER ON old_items_sku;
