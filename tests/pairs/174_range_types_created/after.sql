-- Range types with and without options, columns of a user range, of its multirange type
-- and of built-in ranges, a default of the range type and an exclusion constraint over it.
CREATE SCHEMA booking;

CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
COMMENT ON TYPE floatrange IS 'closed-open ranges of doubles';

-- Every option PostgreSQL stores; the opclass and the multirange name differ from the
-- defaults, the collation from the subtype's own.
CREATE TYPE booking.textspan AS RANGE (
    SUBTYPE = text,
    SUBTYPE_OPCLASS = text_pattern_ops,
    COLLATION = "C",
    MULTIRANGE_TYPE_NAME = booking.textspans
);

-- The defaults written out compare equal to leaving them out.
CREATE TYPE booking.numspan AS RANGE (SUBTYPE = numeric, SUBTYPE_OPCLASS = numeric_ops);

CREATE TABLE booking.slots (
    id integer PRIMARY KEY,
    during floatrange NOT NULL DEFAULT '[1,5)'::floatrange,
    free floatmultirange,
    seats int4range,
    booked tstzrange,
    letters booking.textspan,
    letter_sets booking.textspans,
    amounts booking.numspan[],
    EXCLUDE USING gist (during WITH &&)
);
CREATE INDEX slots_seats_idx ON booking.slots USING gist (seats);
