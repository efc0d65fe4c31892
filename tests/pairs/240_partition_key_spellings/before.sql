-- Partition keys and bounds spelled otherwise than the catalog prints them.
CREATE TABLE events (
    id bigint NOT NULL,
    created_at timestamp NOT NULL,
    happened_at timestamptz NOT NULL
) PARTITION BY RANGE (created_at);

CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
