-- A child's own default on an inherited column stays when its parent is altered
-- otherwise (a CHECK added, a column added or retyped): only the parent's own
-- SET DEFAULT passes down.
CREATE TABLE base (id int, at timestamptz DEFAULT now(), CHECK (id > 0));
CREATE TABLE mid (m text) INHERITS (base);
CREATE TABLE leaf (l text) INHERITS (mid);
