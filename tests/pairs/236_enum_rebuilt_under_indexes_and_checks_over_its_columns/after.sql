CREATE TYPE status AS ENUM ('new', 'done');
CREATE TABLE tasks (id integer PRIMARY KEY, s status NOT NULL DEFAULT 'new');
CREATE INDEX tasks_open ON tasks (s) WHERE s <> 'done';
CREATE TABLE jobs (id integer PRIMARY KEY, s status CONSTRAINT jobs_s_known CHECK (s IN ('new', 'done')));
CREATE INDEX jobs_s_first ON jobs ((s = 'new'), id);
