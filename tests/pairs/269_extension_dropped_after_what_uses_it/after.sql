-- Both extensions go: the column that uses citext is retyped, the index using an
-- operator class of pg_trgm and the function and view using citext are dropped first.
CREATE TABLE users (id int PRIMARY KEY, email text, name text);
CREATE VIEW user_emails AS SELECT id, lower(email) AS e FROM users;
