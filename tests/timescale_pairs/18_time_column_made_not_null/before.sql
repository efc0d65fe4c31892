CREATE TABLE readings (ts timestamptz, bucket integer, v double precision);
