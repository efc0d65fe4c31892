CREATE SCHEMA audit;
CREATE SCHEMA archive;
CREATE TABLE audit.events (id bigint PRIMARY KEY, payload jsonb);
CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric, region text);
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE notes (id int PRIMARY KEY, body text);

CREATE PUBLICATION feed FOR TABLE orders (id, total) WHERE (total > 100), TABLE customers
    WITH (publish = 'insert');
CREATE PUBLICATION schemas FOR TABLES IN SCHEMA audit, TABLE notes;
COMMENT ON PUBLICATION feed IS 'old';
-- Schemas and column lists cannot stand side by side: the schema goes before the column list comes.
CREATE PUBLICATION switched FOR TABLES IN SCHEMA archive, TABLE customers;
