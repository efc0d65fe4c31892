CREATE TABLE readings (
    sensor integer NOT NULL,
    taken date NOT NULL,
    value integer
) PARTITION BY RANGE (taken);
CREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
GRANT SELECT ON readings TO mt_reader;
GRANT SELECT ON readings_2024 TO mt_reader;

CREATE TABLE sensors (id integer PRIMARY KEY, label varchar(20));
GRANT SELECT, UPDATE (label) ON sensors TO mt_writer;

CREATE VIEW sensor_labels AS SELECT id, label FROM sensors;
GRANT SELECT ON sensor_labels TO mt_reader;

CREATE MATERIALIZED VIEW sensor_counts AS SELECT label, count(*) AS n FROM sensors GROUP BY label;
GRANT SELECT ON sensor_counts TO mt_reader;
