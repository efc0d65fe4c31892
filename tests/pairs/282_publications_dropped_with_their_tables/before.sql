CREATE SCHEMA staging;
CREATE TABLE staging.loads (id int);
CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric, legacy_code text);
CREATE TABLE old_orders (id int PRIMARY KEY);
CREATE TABLE temp_stuff (id int);

CREATE PUBLICATION kept FOR TABLE orders (id, total, legacy_code), TABLE old_orders;
CREATE PUBLICATION filtered FOR TABLE orders WHERE (legacy_code IS NULL);
CREATE PUBLICATION gone FOR TABLE temp_stuff, TABLES IN SCHEMA staging;
COMMENT ON PUBLICATION gone IS 'going away';
