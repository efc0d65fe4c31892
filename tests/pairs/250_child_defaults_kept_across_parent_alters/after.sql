-- A child's own default on an inherited column stays when its parent is altered
-- otherwise (a CHECK added, a column added or retyped): only the parent's own
-- SET DEFAULT passes down.
CREATE TABLE base (id bigint, at timestamptz DEFAULT now(), extra int, CHECK (id > 0), CHECK (extra IS NULL) NO INHERIT);
CREATE TABLE mid (m text) INHERITS (base);
CREATE TABLE leaf (l text) INHERITS (mid);
ALTER TABLE leaf ALTER COLUMN at SET DEFAULT '2020-01-01';
ALTER TABLE mid ALTER COLUMN id SET NOT NULL;
