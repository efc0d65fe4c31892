CREATE SCHEMA iot;
CREATE TABLE iot.ticks (seq bigint NOT NULL, v integer);
SELECT create_hypertable('iot.ticks', by_range('seq', 1000));
