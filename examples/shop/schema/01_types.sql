-- Types and sequences used by the tables.
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');
COMMENT ON TYPE order_status IS 'Lifecycle of an order';
