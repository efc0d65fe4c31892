CREATE TABLE sites (id integer PRIMARY KEY, name text);
CREATE TABLE readings (
    ts timestamptz NOT NULL,
    site_id integer NOT NULL REFERENCES sites (id),
    value numeric(10, 2) DEFAULT 0,
    PRIMARY KEY (site_id, ts)
);
SELECT create_hypertable('public.readings', by_range('ts', INTERVAL '12 hours'));
SELECT add_dimension('readings', by_hash('site_id', 4));
