-- Each spelling below is stored by PostgreSQL in another form; none may come back as a
-- change on the next run.
CREATE TABLE points (
    id bigint,
    created_at timestamp,
    price money DEFAULT money '1.999',
    tags text[] DEFAULT ARRAY[current_date::text]::text[]
);

CREATE VIEW recent_points AS
SELECT id FROM points
WHERE to_char(current_date - INTERVAL '1 YEAR', 'YYYY-MM-DD') < to_char(created_at, 'YYYY-MM-DD')
  AND to_char(current_date, 'YYYY') = '2026';

CREATE FUNCTION utc_now() RETURNS timestamp with time zone AS $$
BEGIN
  RETURN now();
END;
$$ LANGUAGE plpgsql SET timezone = 'UTC';
