-- A logged table made unlogged, an unlogged one made logged.
CREATE TABLE cache (
    key text PRIMARY KEY,
    value jsonb
);
CREATE UNLOGGED TABLE imports (
    id integer PRIMARY KEY,
    line text
);
