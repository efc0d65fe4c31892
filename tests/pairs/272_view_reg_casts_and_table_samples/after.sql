-- The catalog prints names of `public` in reg* constants with their schema, and a
-- sampled relation is in scope as itself.
CREATE TABLE readings (id int PRIMARY KEY, value numeric);
CREATE TYPE unit AS ENUM ('c', 'f');
CREATE VIEW sample AS
SELECT *, 'readings'::regclass AS rel, 'unit'::regtype AS ty
FROM readings TABLESAMPLE SYSTEM (10) REPEATABLE (42)
WHERE value > 0;
