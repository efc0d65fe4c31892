-- A target changed, one reset, options changed and added; a new column and a new table
-- come with theirs.
CREATE TABLE readings (
    id integer PRIMARY KEY,
    sensor text,
    value double precision,
    unit text
);
ALTER TABLE readings ALTER COLUMN sensor SET STATISTICS 1000;
ALTER TABLE readings ALTER COLUMN id SET STATISTICS 200;
ALTER TABLE readings ALTER COLUMN value SET (n_distinct = -0.5, n_distinct_inherited = 10);
ALTER TABLE readings ALTER COLUMN unit SET STATISTICS 50;

CREATE TABLE sensors (
    name text PRIMARY KEY
);
ALTER TABLE sensors ALTER COLUMN name SET (n_distinct = -1);
ALTER TABLE sensors ALTER COLUMN name SET STATISTICS 300;
