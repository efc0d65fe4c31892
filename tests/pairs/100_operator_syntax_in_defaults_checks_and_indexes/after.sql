-- Operator-like syntax in every expression position (issue 12, classes A and F): each must
-- come out as SQL that parses, and compare equal to what the catalog prints for it.
CREATE TABLE events (
    id integer PRIMARY KEY,
    -- `IN` with one value is stored as `=`, `NOT IN` with one as `<>`.
    kind text CHECK (kind IN ('a')),
    status varchar(10) CHECK (status NOT IN ('gone')),
    -- pg_dump's spelling of a varchar IN list once restored (the first dump's
    -- `(ARRAY[…])::text[]` is not a fixed point: PostgreSQL stores it as this).
    state varchar(10) CONSTRAINT events_state_check CHECK (((state)::text = ANY (ARRAY[('new'::character varying)::text, ('sent'::character varying)::text]))),
    -- A b_expr position: AT TIME ZONE must be parenthesised after DEFAULT.
    at timestamp DEFAULT (now() AT TIME ZONE 'UTC'),
    seen timestamp DEFAULT timezone('UTC', now()),
    lo integer,
    hi integer,
    a_day date,
    b_day date,
    label text,
    price money DEFAULT '12.5',
    fee money DEFAULT 3.25::money,
    flags bit(4) DEFAULT B'1010',
    mask varbit DEFAULT x'0F',
    ttl interval DEFAULT interval '2' hour,
    slot interval DEFAULT '1:30'::interval hour to minute,
    grace interval DEFAULT '24 hours',
    CONSTRAINT range_ok CHECK (lo IS DISTINCT FROM hi),
    CONSTRAINT days_ok CHECK ((a_day, b_day) OVERLAPS (a_day, b_day) OR lo IS NULL),
    CONSTRAINT label_ok CHECK (label COLLATE "C" > 'a'),
    CONSTRAINT not_origin CHECK (ROW(lo, hi) <> ROW(0, 0)),
    CONSTRAINT below CHECK ((lo, hi) < (100, 100)),
    CONSTRAINT small CHECK (lo < ALL (ARRAY[1000, 2000])),
    CONSTRAINT mixed CHECK (lo IN (hi, 1, 2)),
    CONSTRAINT recent CHECK (at > (now() AT TIME ZONE 'UTC') - interval '1' day),
    CONSTRAINT pattern CHECK (label SIMILAR TO 'x%'),
    CONSTRAINT not_pattern CHECK (label NOT SIMILAR TO 'a%' ESCAPE '#' AND label NOT LIKE 'y!%' ESCAPE '!'),
    CONSTRAINT either_order CHECK (lo BETWEEN SYMMETRIC 1 AND 2 OR lo NOT BETWEEN SYMMETRIC 5 AND 3),
    CONSTRAINT qualified_operator CHECK (lo OPERATOR(pg_catalog.+) 1 > 0),
    -- Unnamed: PostgreSQL names it after the one column it reads, through the COLLATE.
    CHECK (label COLLATE "C" < 'z' COLLATE "C")
);
CREATE INDEX events_at_utc ON events ((at AT TIME ZONE 'UTC'));
CREATE INDEX events_year ON events (EXTRACT(year FROM at));
CREATE DOMAIN stamp AS timestamp DEFAULT (now() AT TIME ZONE 'UTC');
