CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric, region text);
