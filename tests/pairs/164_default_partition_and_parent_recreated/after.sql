-- A DEFAULT partition and a list partition added to an existing partitioned table; a
-- parent whose partition key changes is dropped and created again together with its
-- partitions (the one whose name stays too) and its key and index.
CREATE TABLE sales (id bigint NOT NULL, region text NOT NULL, amount numeric)
    PARTITION BY LIST (region);
CREATE TABLE sales_north PARTITION OF sales FOR VALUES IN ('north');
CREATE TABLE sales_south PARTITION OF sales FOR VALUES IN ('south', 'south-east');
CREATE TABLE sales_other PARTITION OF sales DEFAULT;

CREATE TABLE shipments (id bigint NOT NULL, sent date NOT NULL, PRIMARY KEY (id, sent))
    PARTITION BY HASH (id);
CREATE TABLE shipments_0 PARTITION OF shipments FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE shipments_rest PARTITION OF shipments FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE INDEX shipments_sent ON shipments (sent);
