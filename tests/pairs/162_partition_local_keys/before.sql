CREATE TABLE payments (
    id bigint NOT NULL,
    region text NOT NULL,
    ref text,
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE payments_eu PARTITION OF payments FOR VALUES IN ('eu');
CREATE TABLE payments_us PARTITION OF payments FOR VALUES IN ('us');

CREATE TABLE tickets (id bigint NOT NULL, shard integer NOT NULL, code text)
    PARTITION BY LIST (shard);
CREATE TABLE tickets_1 PARTITION OF tickets FOR VALUES IN (1);
