CREATE TABLE conditions (
    time timestamptz NOT NULL,
    device text NOT NULL,
    site integer NOT NULL,
    temperature double precision
);
SELECT create_hypertable('conditions', by_range('time', INTERVAL '1 day'));
