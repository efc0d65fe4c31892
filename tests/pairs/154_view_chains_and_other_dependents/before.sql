CREATE TABLE accounts (id integer PRIMARY KEY, balance integer NOT NULL, owner text);
CREATE TABLE ledger (account integer, amount integer);

-- A chain of views: the middle one grows a column (in place up, recreated down).
CREATE VIEW rich AS SELECT id, balance FROM accounts WHERE balance > 1000;
CREATE VIEW rich_ids AS SELECT id FROM rich;
CREATE MATERIALIZED VIEW rich_count AS SELECT count(*) AS n FROM rich_ids;

-- A view that loses a column, under a view and a function with a SQL-standard body.
CREATE VIEW owners AS SELECT id, owner, balance FROM accounts;
CREATE VIEW owner_names AS SELECT owner FROM owners;
CREATE FUNCTION owner_count() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC SELECT count(*) FROM owners; END;

-- A SQL-standard body reading a column whose type changes, and a view calling it.
CREATE FUNCTION total_balance() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC SELECT sum(balance) FROM accounts; END;
CREATE VIEW totals AS SELECT total_balance() AS total;

-- A rule on one table writing into another whose column type changes.
CREATE TABLE deposits (account integer, amount integer);
CREATE RULE deposits_log AS ON INSERT TO deposits DO ALSO
    INSERT INTO ledger (account, amount) VALUES (NEW.account, NEW.amount);

-- A view that grows a column under another: in place up; the down drops and creates it,
-- so the view on it is recreated both ways.
CREATE TABLE notes (id integer, body text);
CREATE VIEW note_ids AS SELECT id FROM notes;
CREATE VIEW first_note AS SELECT min(id) AS id FROM note_ids;
