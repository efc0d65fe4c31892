CREATE TABLE users (id integer NOT NULL, email text, handle text, tenant integer);
CREATE TABLE tags (name text CONSTRAINT tags_name_key UNIQUE);
