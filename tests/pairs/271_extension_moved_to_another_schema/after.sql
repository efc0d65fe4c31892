-- The extension moves with `ALTER EXTENSION … SET SCHEMA`, which a replay of the
-- migrations reads back; the down moves it back to where CREATE EXTENSION put it.
CREATE SCHEMA kv;
CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA kv;
CREATE TABLE kv.settings (id int PRIMARY KEY, attrs kv.hstore);
