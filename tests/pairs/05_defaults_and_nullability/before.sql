CREATE TABLE settings (
    key text PRIMARY KEY,
    value text,
    enabled boolean NOT NULL DEFAULT false,
    updated_at timestamptz DEFAULT now(),
    priority integer
);
