CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric);

CREATE PUBLICATION kept FOR TABLE orders (id, total);
CREATE PUBLICATION filtered FOR TABLE orders WHERE (total > 0);
