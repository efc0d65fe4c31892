CREATE TABLE bookings (
    id integer PRIMARY KEY,
    room integer NOT NULL,
    during tsrange NOT NULL,
    EXCLUDE USING gist (during WITH &&) WHERE (room > 0)
);
