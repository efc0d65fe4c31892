-- Comments on the indexes behind keys, apart from the keys' own comments.
CREATE SCHEMA app;

CREATE TABLE accounts (
    id integer PRIMARY KEY,
    email text UNIQUE,
    handle text CONSTRAINT accounts_handle_key UNIQUE,
    active tstzrange,
    EXCLUDE USING gist (active WITH &&)
);
COMMENT ON INDEX accounts_email_key IS 'looked up at login';
COMMENT ON INDEX accounts_handle_key IS 'handles are unique';
COMMENT ON CONSTRAINT accounts_handle_key ON accounts IS 'the constraint itself';

CREATE TABLE app.sessions (
    token text PRIMARY KEY
);
