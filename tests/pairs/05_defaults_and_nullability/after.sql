CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL DEFAULT '',
    enabled boolean DEFAULT true,
    updated_at timestamptz,
    priority integer NOT NULL DEFAULT -1
);
