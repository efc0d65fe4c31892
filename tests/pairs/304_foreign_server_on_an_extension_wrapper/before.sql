-- postgres_fdw creates the wrapper it is named after: servers on it come after the
-- extension and go before it.
CREATE TABLE local_only (id integer PRIMARY KEY);
