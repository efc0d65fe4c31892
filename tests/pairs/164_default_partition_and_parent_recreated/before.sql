CREATE TABLE sales (id bigint NOT NULL, region text NOT NULL, amount numeric)
    PARTITION BY LIST (region);
CREATE TABLE sales_north PARTITION OF sales FOR VALUES IN ('north');

CREATE TABLE shipments (id bigint NOT NULL, sent date NOT NULL, PRIMARY KEY (id, sent))
    PARTITION BY RANGE (sent);
CREATE TABLE shipments_2024 PARTITION OF shipments FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE shipments_rest PARTITION OF shipments DEFAULT;
CREATE INDEX shipments_sent ON shipments (sent);
