CREATE SCHEMA audit;
CREATE TABLE audit.events (id int);
CREATE TABLE orders (id int PRIMARY KEY, total numeric, status text);
CREATE TABLE customers (id int PRIMARY KEY, name text);

CREATE PUBLICATION draft FOR TABLE orders;
ALTER PUBLICATION draft ADD TABLE customers WHERE (name IS NOT NULL);
ALTER PUBLICATION draft ADD TABLES IN SCHEMA audit;
ALTER PUBLICATION draft DROP TABLES IN SCHEMA audit;
ALTER PUBLICATION draft SET (publish = 'insert, delete');
ALTER PUBLICATION draft SET (publish_via_partition_root = true);
ALTER PUBLICATION draft RENAME TO final;
ALTER PUBLICATION final OWNER TO CURRENT_USER;
ALTER PUBLICATION final DROP TABLE orders;
ALTER PUBLICATION final ADD TABLE orders (status, id) WHERE (status <> 'draft');
ALTER TABLE orders RENAME COLUMN status TO state;
ALTER TABLE customers RENAME TO clients;
COMMENT ON PUBLICATION final IS 'renamed';

CREATE PUBLICATION scratch FOR TABLES IN SCHEMA audit;
ALTER PUBLICATION scratch SET TABLE orders, TABLE clients;
CREATE PUBLICATION dropped;
DROP PUBLICATION dropped;
