-- Statistics targets and attribute options on columns.
CREATE TABLE readings (
    id integer PRIMARY KEY,
    sensor text,
    value double precision
);
ALTER TABLE readings ALTER COLUMN sensor SET STATISTICS 500;
ALTER TABLE readings ALTER COLUMN value SET (n_distinct = 1000);
