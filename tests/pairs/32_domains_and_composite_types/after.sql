CREATE DOMAIN positive_int AS integer DEFAULT 1 NOT NULL CONSTRAINT positive_int_check CHECK (VALUE > 0) CONSTRAINT small CHECK (VALUE < 1000000);
COMMENT ON DOMAIN positive_int IS 'strictly positive';
CREATE DOMAIN email AS varchar(254) COLLATE "C" CHECK (VALUE LIKE '%@%');
CREATE TYPE money_amount AS (amount numeric(12,2), currency char(3), rate real);
CREATE TYPE address AS (street text, city text, zip varchar(10));
COMMENT ON TYPE address IS 'postal address';
CREATE FUNCTION city_of(a address) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT a.city';
CREATE TABLE invoices (id integer PRIMARY KEY, qty positive_int, total money_amount, contact email, shipping address, billing_city text GENERATED ALWAYS AS (city_of(shipping)) STORED);
