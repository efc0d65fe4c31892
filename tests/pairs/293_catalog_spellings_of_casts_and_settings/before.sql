CREATE TABLE points (id bigint, created_at timestamp, price money);
