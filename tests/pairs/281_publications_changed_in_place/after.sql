CREATE SCHEMA audit;
CREATE SCHEMA archive;
CREATE TABLE audit.events (id bigint PRIMARY KEY, payload jsonb);
CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric, region text);
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE notes (id int PRIMARY KEY, body text);

CREATE PUBLICATION feed FOR TABLE orders (id, total, region) WHERE (total > 500), TABLE notes
    WITH (publish = 'insert, update, delete', publish_via_partition_root = true);
CREATE PUBLICATION schemas FOR TABLES IN SCHEMA archive, TABLE notes WHERE (body <> '');
COMMENT ON PUBLICATION feed IS 'new';
-- Schemas and column lists cannot stand side by side: the schema goes before the column list comes.
CREATE PUBLICATION switched FOR TABLE customers (id, name);
