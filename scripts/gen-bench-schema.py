#!/usr/bin/env python3
"""Writes a synthetic schema of N tables for benchmarks (scripts/bench).

Each table has 8 columns, a primary key, a foreign key to the previous table, a CHECK,
two indexes and a comment; every 50th table also has a view joining it to its parent, as
docs/BENCHMARKS.md describes.
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
out = sys.stdout
out.write("CREATE TYPE bench_state AS ENUM ('new', 'active', 'archived');\n")
for i in range(n):
    t = f"t{i:05d}"
    fk = f",\n    parent_id bigint REFERENCES t{i-1:05d} (id)" if i > 0 else ",\n    parent_id bigint"
    out.write(
        f"""CREATE TABLE {t} (
    id bigserial PRIMARY KEY,
    name varchar(100) NOT NULL,
    state bench_state NOT NULL DEFAULT 'new',
    amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (amount >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    tags text[],
    payload jsonb{fk}
);
CREATE INDEX {t}_name_idx ON {t} (name);
CREATE INDEX {t}_created_idx ON {t} (created_at DESC) WHERE state <> 'archived';
COMMENT ON TABLE {t} IS 'benchmark table {i}';
"""
    )
    if i % 50 == 49:
        out.write(
            f"""CREATE VIEW v{i:05d} AS
    SELECT c.id, c.name, c.amount, p.name AS parent_name
    FROM {t} c LEFT JOIN t{i-1:05d} p ON p.id = c.parent_id
    WHERE c.state <> 'archived';
"""
        )
