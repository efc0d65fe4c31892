CREATE TYPE resource AS ENUM ('cpu', 'memory');
CREATE TABLE alerts (id int PRIMARY KEY, kind resource NOT NULL, raised_at timestamptz NOT NULL);

CREATE FUNCTION latest_alerts(since timestamptz)
RETURNS TABLE (alert_id int, alert_kind resource) LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT a.id, a.kind FROM alerts a WHERE a.raised_at > since;
END;
$$;

CREATE FUNCTION is_memory(k resource) RETURNS boolean LANGUAGE sql AS $$ SELECT k = 'memory' $$;
