CREATE TABLE orders (id int PRIMARY KEY, total numeric);
CREATE PUBLICATION feed FOR TABLE orders;
CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert');
COMMENT ON PUBLICATION everything IS 'all of it';
