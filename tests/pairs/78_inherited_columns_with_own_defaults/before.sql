-- Children whose inherited columns have defaults of their own (ledgersmb's
-- note tables): CREATE TABLE … INHERITS does not say them.
CREATE TABLE note (id serial PRIMARY KEY, note_class integer NOT NULL, note text);
CREATE TABLE events (at date NOT NULL, kind text DEFAULT 'info') PARTITION BY RANGE (at);
