-- Partition keys and bounds spelled otherwise than the catalog prints them.
CREATE TABLE events (
    id bigint NOT NULL,
    created_at timestamp NOT NULL,
    happened_at timestamptz NOT NULL
) PARTITION BY RANGE (created_at);

CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE events_2021 PARTITION OF events FOR VALUES FROM ('2021-01-01T00:00') TO ('2022-01-01 00:00:00.000');

CREATE TABLE audit (
    id bigint NOT NULL,
    happened_at timestamptz NOT NULL
) PARTITION BY RANGE (happened_at);

CREATE TABLE audit_2024 PARTITION OF audit FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00+00');

CREATE TABLE "Labels" (
    id int NOT NULL,
    "Name" text NOT NULL
) PARTITION BY LIST (("Name") COLLATE "C");

CREATE TABLE "Labels_a" PARTITION OF "Labels" FOR VALUES IN ('a', 'b');

CREATE TABLE codes (
    code varchar(10) NOT NULL,
    region text
) PARTITION BY LIST ((lower(region)) COLLATE "C" text_pattern_ops);

CREATE TABLE codes_eu PARTITION OF codes FOR VALUES IN ('eu');
CREATE TABLE codes_other PARTITION OF codes DEFAULT;
