-- A domain changed in place (CHECK, default, NOT NULL) while the columns of the domain
-- change too (NOT NULL, default): neither waits for the other.
CREATE DOMAIN email AS text CHECK (VALUE ~ '@.+');
CREATE DOMAIN "Positive" AS integer DEFAULT 0 NOT NULL CONSTRAINT positive_check CHECK (VALUE >= 0);

CREATE TABLE users (
    id int PRIMARY KEY,
    address email NOT NULL DEFAULT 'nobody@example.com',
    score "Positive" DEFAULT 5
);
