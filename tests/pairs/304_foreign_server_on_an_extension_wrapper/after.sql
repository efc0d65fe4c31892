-- postgres_fdw creates the wrapper it is named after: servers on it come after the
-- extension and go before it.
CREATE EXTENSION postgres_fdw;
CREATE SERVER reporting FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', dbname 'reports', fetch_size '500');
CREATE USER MAPPING FOR PUBLIC SERVER reporting OPTIONS (user 'report_reader', password 'report_pw');
CREATE FOREIGN TABLE daily_totals (day date, total numeric) SERVER reporting OPTIONS (schema_name 'public', table_name 'daily_totals');
CREATE TABLE local_only (id integer PRIMARY KEY);
