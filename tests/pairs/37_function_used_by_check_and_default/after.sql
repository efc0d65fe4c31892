CREATE SCHEMA util;
CREATE FUNCTION util.is_slug(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s ~ '^[a-z0-9-]+$' $$;
CREATE FUNCTION util.new_token() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT md5(random()::text) $$;
CREATE TABLE plain (id integer PRIMARY KEY);
CREATE TABLE pages (
    id integer PRIMARY KEY,
    slug text NOT NULL CHECK (util.is_slug(slug)),
    token text NOT NULL DEFAULT util.new_token()
);
