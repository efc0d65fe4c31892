CREATE TYPE level AS ENUM ('low', 'high');
CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (id serial PRIMARY KEY, author_id integer REFERENCES authors ON DELETE CASCADE, lvl level, title text);
CREATE INDEX books_title_idx ON books (title);
CREATE TABLE a_cycle (id integer PRIMARY KEY, b_id integer);
CREATE TABLE b_cycle (id integer PRIMARY KEY, a_id integer REFERENCES a_cycle);
ALTER TABLE a_cycle ADD FOREIGN KEY (b_id) REFERENCES b_cycle;
COMMENT ON TABLE books IS 'will be dropped';
CREATE TABLE survivor (id integer PRIMARY KEY);
