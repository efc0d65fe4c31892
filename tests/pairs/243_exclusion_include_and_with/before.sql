-- Exclusion constraints with INCLUDE columns and storage parameters.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE bookings (
    id int NOT NULL,
    room text NOT NULL,
    during daterange NOT NULL,
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)
);
