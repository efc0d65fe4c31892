INSERT INTO trades SELECT now() - g * INTERVAL '1 hour', 'S' || (g % 3), g, g * 10 FROM generate_series(1, 48) g;
