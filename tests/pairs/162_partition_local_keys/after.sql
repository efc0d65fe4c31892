-- Keys of single partitions next to the parent's: a UNIQUE on one partition (inline and
-- by ALTER TABLE), a primary key on a partition of a parent without one, and a new
-- partition created with a key of its own.
CREATE TABLE payments (
    id bigint NOT NULL,
    region text NOT NULL,
    ref text,
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE payments_eu PARTITION OF payments (UNIQUE (ref)) FOR VALUES IN ('eu');
CREATE TABLE payments_us PARTITION OF payments FOR VALUES IN ('us');
ALTER TABLE payments_us ADD CONSTRAINT payments_us_ref_key UNIQUE (ref);
CREATE TABLE payments_asia PARTITION OF payments (
    CONSTRAINT payments_asia_ref UNIQUE (ref, id)
) FOR VALUES IN ('asia');

CREATE TABLE tickets (id bigint NOT NULL, shard integer NOT NULL, code text)
    PARTITION BY LIST (shard);
CREATE TABLE tickets_1 PARTITION OF tickets (PRIMARY KEY (id)) FOR VALUES IN (1);
CREATE TABLE tickets_2 PARTITION OF tickets (PRIMARY KEY (id), UNIQUE (code)) FOR VALUES IN (2);
