CREATE TABLE orders (id int PRIMARY KEY, total numeric);
CREATE PUBLICATION feed FOR ALL TABLES;
CREATE PUBLICATION everything FOR TABLE orders WITH (publish = 'insert');
COMMENT ON PUBLICATION everything IS 'all of it';
