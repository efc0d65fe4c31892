CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email varchar(200), active boolean NOT NULL DEFAULT true);
CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users, total numeric(10,2), status varchar(10));
CREATE VIEW active_users AS SELECT id, name FROM users WHERE active;
CREATE VIEW old_report AS SELECT count(*) FROM orders;
