INSERT INTO ticks SELECT now() - g * INTERVAL '1 day', 'S' || (g % 4), g FROM generate_series(1, 10) g;
SELECT count(compress_chunk(c)) FROM show_chunks('ticks') c;
