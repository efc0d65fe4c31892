-- INSTEAD OF triggers on views: created after their view, dropped and created again with
-- a view that is recreated (by its own change, or because a column under it is retyped),
-- and added to a view that stays.
CREATE TABLE items (
    id integer PRIMARY KEY,
    name text NOT NULL,
    price numeric(10, 2),
    qty integer
);
CREATE FUNCTION ignore_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NULL;
END
$$;
CREATE VIEW item_prices AS SELECT id, name, price FROM items;
CREATE TRIGGER item_prices_insert INSTEAD OF INSERT ON item_prices
    FOR EACH ROW EXECUTE FUNCTION ignore_write();
CREATE VIEW item_stock WITH (security_barrier) AS
    SELECT id, qty FROM items WHERE qty > 0 WITH CHECK OPTION;
CREATE TRIGGER item_stock_update INSTEAD OF UPDATE ON item_stock
    FOR EACH ROW EXECUTE FUNCTION ignore_write();
COMMENT ON TRIGGER item_stock_update ON item_stock IS 'stock is read-only here';
CREATE VIEW item_names AS SELECT id, name FROM items;
