CREATE TYPE status AS ENUM ('new', 'done');
CREATE TABLE tasks (id integer PRIMARY KEY, s status NOT NULL DEFAULT 'new', history status[]);
COMMENT ON TYPE status IS 'Task status';
