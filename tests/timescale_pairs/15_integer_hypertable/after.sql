CREATE SCHEMA iot;
CREATE TABLE iot.counters (seq bigint NOT NULL, node smallint NOT NULL, hits integer);
SELECT create_hypertable('iot.counters', by_range('seq', 100000));
SELECT add_dimension('iot.counters', by_range('node', 10));
ALTER TABLE iot.counters SET (timescaledb.compress, timescaledb.compress_segmentby = 'node');
