-- Exclusion constraints with INCLUDE columns and storage parameters.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE bookings (
    id int NOT NULL,
    room text NOT NULL,
    during daterange NOT NULL,
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)
        INCLUDE (id) WITH (fillfactor = 80) WHERE (room <> 'closed')
);

CREATE TABLE "Slots" (
    "Id" int NOT NULL,
    "Room" text NOT NULL,
    CONSTRAINT "Slots_excl" EXCLUDE ("Room" WITH =) INCLUDE ("Id") WITH (fillfactor='70', deduplicate_items=off)
);
