-- An enum that loses a value is rebuilt, and its columns are retyped to the new type:
-- the partial index, the expression index and the CHECK over such a column are dropped before the
-- rebuild and created after it (PostgreSQL cannot compare the new type with the old
-- one's constants that they hold).
CREATE TYPE status AS ENUM ('new', 'old', 'done');
CREATE TABLE tasks (id integer PRIMARY KEY, s status NOT NULL DEFAULT 'new');
CREATE INDEX tasks_open ON tasks (s) WHERE s <> 'done';
CREATE TABLE jobs (id integer PRIMARY KEY, s status CONSTRAINT jobs_s_known CHECK (s IN ('new', 'done')));
CREATE INDEX jobs_s_first ON jobs ((s = 'new'), id);
