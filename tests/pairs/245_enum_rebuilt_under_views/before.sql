-- An enum rebuilt (a value added together with a default that uses it) while views read
-- its columns: they go before the columns are converted and come back after.
CREATE TYPE priority AS ENUM ('low', 'high');

CREATE TABLE tasks (
    id int PRIMARY KEY,
    prio priority DEFAULT 'low'
);
CREATE INDEX tasks_prio_idx ON tasks (prio);
CREATE VIEW urgent_tasks AS SELECT id, prio FROM tasks WHERE prio = 'high';
CREATE VIEW urgent_count AS SELECT count(*) AS n FROM urgent_tasks;
