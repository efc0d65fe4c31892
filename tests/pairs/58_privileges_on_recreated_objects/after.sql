-- readings changes its partition key (recreated), sensors.label its type (the view and the
-- materialized view on it are recreated): every grant on them comes back after, and the
-- down file puts the old ones back on the old objects.
CREATE TABLE readings (
    sensor integer NOT NULL,
    taken date NOT NULL,
    value integer
) PARTITION BY LIST (sensor);
CREATE TABLE readings_1 PARTITION OF readings FOR VALUES IN (1);
GRANT SELECT ON readings TO mt_reader;
GRANT SELECT, INSERT ON readings_1 TO mt_writer;

CREATE TABLE sensors (id integer PRIMARY KEY, label text);
GRANT SELECT, UPDATE (label) ON sensors TO mt_writer;

CREATE VIEW sensor_labels AS SELECT id, label FROM sensors;
GRANT SELECT ON sensor_labels TO mt_reader;

CREATE MATERIALIZED VIEW sensor_counts AS SELECT label, count(*) AS n FROM sensors GROUP BY label;
GRANT SELECT ON sensor_counts TO mt_reader, mt_writer;
