INSERT INTO events (happened_at, kind, payload) SELECT now() - g * INTERVAL '5 hours', 'k' || (g % 3), '{}' FROM generate_series(1, 40) g;
