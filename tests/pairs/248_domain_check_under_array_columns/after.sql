-- PostgreSQL refuses a new CHECK or NOT NULL on a domain an array column uses: the array
-- columns go through the base type around the domain's change (a plain column of the
-- domain is checked in place).
CREATE DOMAIN posint AS integer CONSTRAINT posint_check CHECK (VALUE >= 0) CONSTRAINT below CHECK (VALUE < 1000);
CREATE DOMAIN label AS text NOT NULL;
CREATE TABLE t (
    id int PRIMARY KEY,
    vals posint[] NOT NULL DEFAULT '{1}',
    one posint,
    tags label[]
);
CREATE INDEX t_vals ON t USING gin (vals);
CREATE VIEW v AS SELECT id, tags FROM t;
