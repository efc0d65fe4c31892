CREATE TABLE ticks (ts timestamptz NOT NULL, symbol text NOT NULL, price numeric);
SELECT create_hypertable('ticks', by_range('ts', INTERVAL '1 day'));
CREATE INDEX ticks_symbol_ts ON ticks (symbol, ts DESC);
SELECT add_reorder_policy('ticks', 'ticks_symbol_ts');
CREATE TABLE quotes (ts timestamptz NOT NULL, symbol text NOT NULL);
SELECT create_hypertable('quotes', by_range('ts', INTERVAL '1 hour'));
