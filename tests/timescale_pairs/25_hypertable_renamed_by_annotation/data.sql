INSERT INTO m SELECT t, (extract(epoch FROM t)::int / 3600) % 4, 1.0 FROM generate_series(now() - INTERVAL '10 days', now(), INTERVAL '1 hour') t;
SELECT compress_chunk(c) FROM show_chunks('m', older_than => INTERVAL '4 days') c;
