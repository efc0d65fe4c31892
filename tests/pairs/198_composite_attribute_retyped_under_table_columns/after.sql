-- The type's attributes are retyped while table columns (one an array, one with a default)
-- are of it: the columns go to text and back around the ALTER TYPE, keeping their values,
-- and the view, the CHECK and the index reading them go and come back.
CREATE TYPE money_amount AS (amount numeric(12,4), currency varchar(8));

CREATE TABLE prices (
    id integer PRIMARY KEY,
    price money_amount NOT NULL DEFAULT ROW(0, 'EUR')::money_amount,
    history money_amount[],
    CONSTRAINT prices_positive CHECK ((price).amount >= 0)
);
CREATE INDEX prices_currency_idx ON prices (((price).currency));
CREATE VIEW price_amounts AS SELECT id, (price).amount AS amount FROM prices;
COMMENT ON COLUMN prices.price IS 'current price';

-- Not of the type: left alone.
CREATE TABLE notes (id integer PRIMARY KEY, body text);
