-- A table renamed with an annotation whose serial column becomes bigserial: its
-- sequence follows the table's name with ALTER SEQUENCE … RENAME and is altered AS
-- bigint, so it keeps its value (dropping it and creating another would restart the ids
-- at 1), and the foreign key's column is widened with it.
CREATE TABLE clients (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, client_id integer REFERENCES clients (id));
