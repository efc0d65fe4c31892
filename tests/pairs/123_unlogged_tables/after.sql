-- SET UNLOGGED, SET LOGGED, and a new unlogged table.
CREATE TABLE cache (
    key text PRIMARY KEY,
    value jsonb
);
ALTER TABLE cache SET UNLOGGED;
CREATE TABLE imports (
    id integer PRIMARY KEY,
    line text
);
CREATE UNLOGGED TABLE sessions (
    id uuid PRIMARY KEY,
    data text
);
