-- A rule on a view the upgrade drops and creates again (its first column goes): PostgreSQL
-- drops the rule with the view, so it must be put back.
CREATE TABLE orders (id integer PRIMARY KEY, customer text, total numeric(10, 2));
CREATE VIEW order_totals AS SELECT id, total FROM orders;
CREATE RULE order_totals_insert AS ON INSERT TO order_totals DO INSTEAD
    INSERT INTO orders (id, total) VALUES (new.id, new.total);
