CREATE TABLE conditions (
    time timestamptz NOT NULL,
    device text NOT NULL,
    site integer NOT NULL,
    temperature double precision
);
SELECT create_hypertable('conditions', by_range('time', INTERVAL '1 day'));
SELECT add_dimension('conditions', by_hash('device', 4));
SELECT add_dimension('conditions', by_range('site', 100));
ALTER TABLE conditions SET (timescaledb.compress, timescaledb.compress_segmentby = 'device');
SELECT add_compression_policy('conditions', INTERVAL '7 days');
