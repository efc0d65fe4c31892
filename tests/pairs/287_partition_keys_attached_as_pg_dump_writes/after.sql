-- pg_dump's form of keys on a partitioned table: the parent's key ONLY, each partition's
-- own key, then ALTER INDEX … ATTACH PARTITION makes the partitions' keys the parent's.
-- (The partitions' keys carry the names PostgreSQL gives them; see docs/SUPPORTED.md.)
CREATE SCHEMA metrics;

CREATE TABLE metrics.readings (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    sensor text NOT NULL,
    value numeric
) PARTITION BY RANGE (taken_on);

CREATE TABLE metrics.readings_2024 (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    sensor text NOT NULL,
    value numeric
);

CREATE TABLE metrics.readings_2025 (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    sensor text NOT NULL,
    value numeric
);

ALTER TABLE ONLY metrics.readings ATTACH PARTITION metrics.readings_2024
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE ONLY metrics.readings ATTACH PARTITION metrics.readings_2025
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

ALTER TABLE ONLY metrics.readings
    ADD CONSTRAINT readings_pkey PRIMARY KEY (id, taken_on);
ALTER TABLE ONLY metrics.readings
    ADD CONSTRAINT readings_sensor_key UNIQUE (sensor, taken_on);
ALTER TABLE ONLY metrics.readings_2024
    ADD CONSTRAINT readings_2024_pkey PRIMARY KEY (id, taken_on);
ALTER TABLE ONLY metrics.readings_2024
    ADD CONSTRAINT readings_2024_sensor_taken_on_key UNIQUE (sensor, taken_on);
ALTER TABLE ONLY metrics.readings_2025
    ADD CONSTRAINT readings_2025_pkey PRIMARY KEY (id, taken_on);
ALTER TABLE ONLY metrics.readings_2025
    ADD CONSTRAINT readings_2025_sensor_taken_on_key UNIQUE (sensor, taken_on);

CREATE INDEX readings_value_idx ON ONLY metrics.readings USING btree (value);
CREATE INDEX readings_2024_value_idx ON metrics.readings_2024 USING btree (value);
CREATE INDEX readings_2025_value_idx ON metrics.readings_2025 USING btree (value);

ALTER INDEX metrics.readings_pkey ATTACH PARTITION metrics.readings_2024_pkey;
ALTER INDEX metrics.readings_sensor_key ATTACH PARTITION metrics.readings_2024_sensor_taken_on_key;
ALTER INDEX metrics.readings_value_idx ATTACH PARTITION metrics.readings_2024_value_idx;
ALTER INDEX metrics.readings_pkey ATTACH PARTITION metrics.readings_2025_pkey;
ALTER INDEX metrics.readings_sensor_key ATTACH PARTITION metrics.readings_2025_sensor_taken_on_key;
ALTER INDEX metrics.readings_value_idx ATTACH PARTITION metrics.readings_2025_value_idx;
