CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE users (id int PRIMARY KEY, email citext, name text);
CREATE INDEX users_name_trgm ON users USING gin (name gin_trgm_ops);
CREATE FUNCTION canon(e citext) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(e::text) $$;
CREATE VIEW user_emails AS SELECT id, canon(email) AS e FROM users;
