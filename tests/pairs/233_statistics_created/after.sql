-- Statistics objects created: on columns, with some kinds, on expressions, on one
-- expression alone (its own kind), with a target and a comment, on a new table, and copied
-- by LIKE.
CREATE SCHEMA stats;

CREATE TABLE readings (sensor integer, site integer, unit text, value numeric);

CREATE STATISTICS readings_sensor_site ON site, sensor FROM readings;
CREATE STATISTICS readings_kinds (mcv, ndistinct) ON sensor, unit FROM readings;
CREATE STATISTICS IF NOT EXISTS readings_expr (dependencies) ON (sensor + site), lower(unit), (site) FROM readings;
CREATE STATISTICS readings_one_expr ON (value * 2) FROM readings;
CREATE STATISTICS stats.readings_all (ndistinct, dependencies, mcv) ON sensor, value FROM readings;
ALTER STATISTICS readings_sensor_site SET STATISTICS 500;
COMMENT ON STATISTICS readings_kinds IS 'sensor and unit go together';

CREATE TABLE sites (id integer PRIMARY KEY, region text, country text);
CREATE STATISTICS sites_geo ON region, country FROM sites;

-- LIKE … INCLUDING ALL copies the statistics objects under the names PostgreSQL chooses
-- (`readings_copy_site_expr_expr_stat`), with their comments and without their targets.
CREATE TABLE readings_copy (LIKE readings INCLUDING ALL);
