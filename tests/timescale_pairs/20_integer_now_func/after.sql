-- Continuous aggregates and retention on an integer time column need an integer_now
-- function; the hypertable depends on it.
CREATE SCHEMA iot;
CREATE TABLE iot.ticks (seq bigint NOT NULL, v integer);
SELECT create_hypertable('iot.ticks', by_range('seq', 1000));
CREATE FUNCTION iot.current_seq() RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT coalesce(max(seq), 0) FROM iot.ticks $$;
SELECT set_integer_now_func('iot.ticks', 'iot.current_seq');
SELECT add_retention_policy('iot.ticks', drop_after => 100000);
CREATE MATERIALIZED VIEW iot.ticks_100 WITH (timescaledb.continuous) AS
SELECT time_bucket(100, seq) AS bucket, sum(v) AS total FROM iot.ticks GROUP BY 1
WITH NO DATA;
CREATE TABLE iot.fresh (seq integer NOT NULL, v integer);
SELECT create_hypertable('iot.fresh', by_range('seq', 50));
CREATE FUNCTION iot.current_seq_int() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT 7 $$;
SELECT set_integer_now_func('iot.fresh', 'iot.current_seq_int');
