-- A server moved to another wrapper is dropped and created again with its user mappings
-- and foreign tables; a plain table turned foreign is recreated; a partition and an
-- inheritance child may be foreign tables.
CREATE FOREIGN DATA WRAPPER old_wrapper;
CREATE FOREIGN DATA WRAPPER new_wrapper;
CREATE SERVER shard FOREIGN DATA WRAPPER old_wrapper;
CREATE USER MAPPING FOR CURRENT_USER SERVER shard OPTIONS (user 'app');

CREATE SCHEMA far;
CREATE FOREIGN TABLE far.events (id integer, at date) SERVER shard;

CREATE TABLE audit (id integer, note text);

CREATE TABLE measures (id integer, at date) PARTITION BY RANGE (at);
CREATE TABLE measures_2020 PARTITION OF measures FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');

CREATE TABLE base (id integer, note text);
