-- Statistics objects created: on columns, with some kinds, on expressions, on one
-- expression alone (its own kind), with a target and a comment, on a new table, and copied
-- by LIKE.
CREATE TABLE readings (sensor integer, site integer, unit text, value numeric);
