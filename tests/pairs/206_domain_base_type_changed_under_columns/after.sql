-- The domains' base types change while table columns (one an array, one with a default
-- naming the domain) use them: the columns go to the old base type and back around the
-- DROP and CREATE DOMAIN, keeping their values, and the view, the CHECK and the indexes
-- reading them go and come back.
CREATE DOMAIN code AS text CHECK (VALUE <> '');
CREATE DOMAIN quantity AS bigint DEFAULT 0 CHECK (VALUE >= 0);

CREATE TABLE items (
    id integer PRIMARY KEY,
    code code NOT NULL DEFAULT 'none'::code,
    qty quantity DEFAULT 1,
    aliases code[],
    CONSTRAINT items_code_short CHECK (length(code) < 100)
);
CREATE INDEX items_code_idx ON items (code);
CREATE INDEX items_lower_code_idx ON items (lower(code));
CREATE VIEW item_codes AS SELECT id, code, qty FROM items;
COMMENT ON COLUMN items.code IS 'stock code';

-- Not of the domains: left alone.
CREATE TABLE notes (id integer PRIMARY KEY, body text);
