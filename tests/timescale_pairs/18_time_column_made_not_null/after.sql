-- The time column and a range dimension's column are nullable as written: TimescaleDB
-- makes them NOT NULL (and refuses to drop it again). `SELECT * FROM f(…)` is TimescaleDB's
-- documented spelling.
CREATE TABLE readings (ts timestamptz, bucket integer, v double precision);
SELECT * FROM create_hypertable('readings', by_range('ts', INTERVAL '1 day'));
SELECT * FROM add_dimension('readings', by_range('bucket', 1000));
