-- Values placed with ADD VALUE … BEFORE/AFTER in the desired SQL (and IF NOT EXISTS
-- repeated): migrator adds each in place; the down file rebuilds the types without them.
CREATE TYPE status AS ENUM ('new', 'done');
ALTER TYPE status ADD VALUE 'active' AFTER 'new';
ALTER TYPE status ADD VALUE 'archived' AFTER 'done';
ALTER TYPE status ADD VALUE 'draft' BEFORE 'new';
ALTER TYPE status ADD VALUE 'review' BEFORE 'done';

CREATE TYPE size AS ENUM ('s', 'l');
ALTER TYPE size ADD VALUE IF NOT EXISTS 'm' BEFORE 'l';
ALTER TYPE size ADD VALUE IF NOT EXISTS 'm' BEFORE 'l';
ALTER TYPE size ADD VALUE 'xl';

CREATE TABLE tasks (
    id integer PRIMARY KEY,
    status status NOT NULL DEFAULT 'new',
    size size
);
