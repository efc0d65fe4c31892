-- Children whose inherited columns have defaults of their own (ledgersmb's
-- note tables): CREATE TABLE … INHERITS does not say them.
CREATE TABLE note (id serial PRIMARY KEY, note_class integer NOT NULL, note text);
CREATE TABLE budget_note (budget_id integer) INHERITS (note);
ALTER TABLE budget_note ALTER COLUMN note_class SET DEFAULT 6;
CREATE TABLE asset_note (asset_id integer) INHERITS (note);
ALTER TABLE asset_note alter column note_class set default 4;
ALTER TABLE asset_note ALTER COLUMN id DROP DEFAULT;
CREATE TABLE events (at date NOT NULL, kind text DEFAULT 'info') PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
