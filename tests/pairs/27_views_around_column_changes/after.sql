CREATE TABLE readings (id integer PRIMARY KEY, sensor text, value bigint);
CREATE VIEW recent AS SELECT id, sensor, value FROM readings WHERE id > 100;
CREATE VIEW recent_high AS SELECT id, value FROM recent WHERE value > 10;
CREATE VIEW untouched AS SELECT id FROM readings;
