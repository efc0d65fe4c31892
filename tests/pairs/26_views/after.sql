CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email varchar(200), active boolean NOT NULL DEFAULT true);
CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users, total numeric(10,2), status varchar(10));
CREATE VIEW active_users AS SELECT id, name, email FROM users WHERE active;
COMMENT ON VIEW active_users IS 'Users who can log in';
CREATE VIEW user_totals AS
    SELECT u.id, u.name, sum(o.total) AS spent, count(*) AS orders
    FROM users u JOIN orders o ON o.user_id = u.id
    WHERE o.status IN ('paid', 'shipped')
    GROUP BY u.id, u.name;
CREATE VIEW big_spenders AS SELECT * FROM user_totals WHERE spent > 1000 ORDER BY spent DESC;
CREATE VIEW "Every Order" AS SELECT * FROM orders;
