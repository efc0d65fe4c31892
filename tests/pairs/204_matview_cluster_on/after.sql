-- Clustered on another index; no longer clustered; a dropped clustered materialized view
-- (its down restores the clustering); a new one clustered on its new index.
CREATE TABLE readings (
    id integer PRIMARY KEY,
    sensor integer NOT NULL,
    value double precision
);

CREATE MATERIALIZED VIEW sensor_readings AS
SELECT id, sensor, value FROM readings;
CREATE UNIQUE INDEX sensor_readings_id ON sensor_readings (id);
CREATE INDEX sensor_readings_sensor ON sensor_readings (sensor);
ALTER MATERIALIZED VIEW sensor_readings CLUSTER ON sensor_readings_sensor;

CREATE MATERIALIZED VIEW high_readings AS
SELECT id, value FROM readings WHERE value > 10;
CREATE INDEX high_readings_value ON high_readings (value);
ALTER MATERIALIZED VIEW high_readings CLUSTER ON high_readings_value;
ALTER MATERIALIZED VIEW high_readings SET WITHOUT CLUSTER;

CREATE MATERIALIZED VIEW low_readings AS
SELECT id, value FROM readings WHERE value < 1;
CREATE INDEX low_readings_value ON low_readings (value);
ALTER MATERIALIZED VIEW low_readings CLUSTER ON low_readings_value;

-- The clustering index is rebuilt (it gains a column) and the view stays clustered on it;
-- the clustered table is dropped, and the down file clusters it again.
CREATE TABLE items (
    id integer PRIMARY KEY,
    sku text NOT NULL,
    price numeric
);

CREATE MATERIALIZED VIEW item_prices AS
SELECT id, sku, price FROM items;
CREATE INDEX item_prices_sku ON item_prices (sku, price);
ALTER MATERIALIZED VIEW item_prices CLUSTER ON item_prices_sku;
