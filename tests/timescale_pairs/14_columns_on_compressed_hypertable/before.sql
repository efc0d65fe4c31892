CREATE TABLE sensor_data (time timestamptz NOT NULL, sensor_id integer NOT NULL, reading integer);
SELECT create_hypertable('sensor_data', by_range('time', INTERVAL '1 day'));
ALTER TABLE sensor_data SET (timescaledb.compress, timescaledb.compress_segmentby = 'sensor_id', timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('sensor_data', INTERVAL '2 days');
