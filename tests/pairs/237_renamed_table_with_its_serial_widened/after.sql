-- migrator:renamed-from clients
CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, client_id bigint REFERENCES customers (id));
