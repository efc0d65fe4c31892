INSERT INTO sensor_data SELECT now() - g * INTERVAL '6 hours', g % 5, g FROM generate_series(1, 40) g;
SELECT count(compress_chunk(c)) FROM show_chunks('sensor_data', older_than => INTERVAL '1 day') c;
