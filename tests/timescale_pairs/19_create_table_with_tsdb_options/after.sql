-- TimescaleDB 2.20+: a hypertable declared in CREATE TABLE.
CREATE TABLE plain (id integer PRIMARY KEY);
CREATE TABLE metrics (
    ts timestamptz NOT NULL,
    device integer NOT NULL,
    v double precision
) WITH (tsdb.hypertable, tsdb.partition_column = 'ts', tsdb.chunk_interval = '1 day',
        tsdb.segmentby = 'device', tsdb.orderby = 'ts DESC');
-- The partitioning column defaults to the first timestamp column; the columnstore is on.
CREATE TABLE events (id bigint, at timestamp, note text) WITH (timescaledb.hypertable);
-- No columnstore (so no policy), no default index, a storage parameter beside.
CREATE TABLE counters (n bigint NOT NULL, hits integer)
    WITH (tsdb.hypertable, tsdb.partition_column = 'n', tsdb.chunk_interval = 5000,
          tsdb.columnstore = false, tsdb.create_default_indexes = false, fillfactor = 80);
