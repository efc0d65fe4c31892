-- Views whose `*` takes the table's new column: their down would take it too if the view
-- came back before the column goes, so they are dropped and created around the column.
CREATE TABLE accounts (id integer PRIMARY KEY, name text);
CREATE TABLE notes (account_id integer, body text);
CREATE VIEW all_accounts AS SELECT * FROM accounts;
CREATE VIEW account_notes AS SELECT a.*, n.body FROM accounts a JOIN notes n ON n.account_id = a.id;
CREATE VIEW account_names AS SELECT id, name FROM accounts;
