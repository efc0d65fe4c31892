-- Reorder policies: one moved to another index (remove + add, the old index dropped after
-- it), one added on a new index (created before it).
CREATE TABLE ticks (ts timestamptz NOT NULL, symbol text NOT NULL, price numeric);
SELECT create_hypertable('ticks', by_range('ts', INTERVAL '1 day'));
CREATE INDEX ticks_price_ts ON ticks (price, ts DESC);
SELECT add_reorder_policy('ticks', 'ticks_price_ts');
CREATE TABLE quotes (ts timestamptz NOT NULL, symbol text NOT NULL);
SELECT create_hypertable('quotes', by_range('ts', INTERVAL '1 hour'));
CREATE INDEX quotes_symbol_ts ON quotes (symbol, ts DESC);
SELECT add_reorder_policy('quotes', 'quotes_symbol_ts', if_not_exists => true);
