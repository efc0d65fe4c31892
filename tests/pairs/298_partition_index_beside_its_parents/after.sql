-- The partition has an index of its own with the definition of its parent's: it must be
-- built after the parent's, which would otherwise adopt it instead of building its own.
CREATE TABLE orders (id int, region text, placed date) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
CREATE INDEX orders_region_placed_idx ON orders (region, placed);
CREATE INDEX orders_eu_local_idx ON orders_eu (region, placed);
