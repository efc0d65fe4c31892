-- A hash dimension's partitions and a further range dimension's interval change in
-- place: the compression settings and policy stay.
CREATE TABLE conditions (
    time timestamptz NOT NULL,
    device text NOT NULL,
    site integer NOT NULL,
    temperature double precision
);
SELECT create_hypertable('conditions', by_range('time', INTERVAL '1 day'));
SELECT add_dimension('conditions', by_hash('device', 4));
SELECT add_dimension('conditions', by_range('site', 100));
SELECT set_number_partitions('conditions', 8);
SELECT set_chunk_time_interval('conditions', 250, dimension_name => 'site');
ALTER TABLE conditions SET (timescaledb.compress, timescaledb.compress_segmentby = 'device');
SELECT add_compression_policy('conditions', INTERVAL '7 days');
