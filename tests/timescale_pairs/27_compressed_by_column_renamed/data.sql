INSERT INTO m SELECT now() - g * INTERVAL '1 day', g % 3, g FROM generate_series(1, 5) g;
SELECT compress_chunk(c) FROM show_chunks('m') c;
