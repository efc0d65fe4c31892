CREATE TABLE orgs (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    org_id bigint,
    email text,
    balance integer NOT NULL DEFAULT 0,
    nickname text
);

CREATE INDEX accounts_nickname_idx ON accounts (nickname);
