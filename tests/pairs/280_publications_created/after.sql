CREATE SCHEMA audit;
CREATE TABLE audit.events (id bigint PRIMARY KEY, payload jsonb);
CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric, region text);
CREATE TABLE "Line Items" (order_id int, qty int);

CREATE PUBLICATION everything FOR ALL TABLES;
CREATE PUBLICATION big_orders FOR TABLE orders (total, id, region) WHERE (total > 100 AND region = 'eu'),
    TABLE "Line Items"
    WITH (publish = 'update, insert', publish_via_partition_root = true);
CREATE PUBLICATION audit_feed FOR TABLES IN SCHEMA audit, TABLE orders WHERE (customer IS NOT NULL);
CREATE PUBLICATION "Empty One" WITH (publish = '');
COMMENT ON PUBLICATION audit_feed IS 'events for the audit service';

-- Without ONLY, a table's inheritors are published too, each an entry of its own.
CREATE TABLE events_base (id int, kind text);
CREATE TABLE events_2024 () INHERITS (events_base);
CREATE PUBLICATION inherited FOR TABLE events_base (id, kind) WHERE (kind <> 'debug'), TABLE ONLY "Line Items";
