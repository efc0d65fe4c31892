-- Added (a primary key's, an exclusion constraint's), changed (a unique key's) and removed
-- (the constraint's own comment stays): COMMENT ON INDEX, with no key rebuilt.
CREATE SCHEMA app;

CREATE TABLE accounts (
    id integer PRIMARY KEY,
    email text UNIQUE,
    handle text CONSTRAINT accounts_handle_key UNIQUE,
    active tstzrange,
    EXCLUDE USING gist (active WITH &&)
);
COMMENT ON INDEX accounts_pkey IS 'the primary key''s index';
COMMENT ON INDEX accounts_email_key IS 'looked up at every login';
COMMENT ON INDEX public.accounts_active_excl IS 'no overlapping activity';
COMMENT ON CONSTRAINT accounts_handle_key ON accounts IS 'the constraint itself';
COMMENT ON INDEX accounts_handle_key IS 'set, then cleared';
COMMENT ON INDEX accounts_handle_key IS NULL;

CREATE TABLE app.sessions (
    token text PRIMARY KEY
);
COMMENT ON INDEX app.sessions_pkey IS 'sessions by token';
