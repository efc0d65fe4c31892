-- The enum before its range type, the range (and its multirange type) before the domain,
-- the composite type and the function that use them, all of them before the table, and
-- the view last.
CREATE TYPE level AS ENUM ('low', 'mid', 'high');
CREATE TYPE levelrange AS RANGE (subtype = level);
CREATE DOMAIN nonempty_levels AS levelrange CHECK (NOT isempty(VALUE));
CREATE TYPE reading AS (span levelrange, spans levelmultirange);

CREATE FUNCTION widest(r levelmultirange) RETURNS levelrange
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT range_merge(r) $$;

CREATE TABLE alerts (
    id integer PRIMARY KEY,
    span nonempty_levels,
    readings reading[],
    covered levelmultirange DEFAULT '{}'::levelmultirange
);

CREATE VIEW alert_tops AS SELECT id, upper(span) AS top FROM alerts;
