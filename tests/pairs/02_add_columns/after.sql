CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE items (
    id integer PRIMARY KEY,
    name text,
    price numeric(10,2) NOT NULL DEFAULT 0,
    tags text[] NOT NULL DEFAULT '{}',
    meta jsonb DEFAULT '{}'::jsonb,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP,
    uid uuid DEFAULT gen_random_uuid(),
    feeling mood DEFAULT 'ok',
    feelings mood[],
    code char(3) UNIQUE,
    flags bit(8),
    note varchar
);
COMMENT ON COLUMN items.price IS 'Unit price';
