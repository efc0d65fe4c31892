-- A column compression is set up by, renamed by annotation: the rename, then the settings
-- written with the new name (TimescaleDB has followed it already).
CREATE TABLE m (
    ts timestamptz NOT NULL,
    device integer NOT NULL, -- migrator:renamed-from dev
    v double precision
);
SELECT create_hypertable('m', by_range('ts', INTERVAL '1 day'));
ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'device', timescaledb.compress_orderby = 'ts DESC');
