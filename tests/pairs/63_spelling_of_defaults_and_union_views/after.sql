-- Spellings the catalog reads back differently (found in ledgersmb's schema).
CREATE TABLE gl (id integer PRIMARY KEY, reference text, approved boolean DEFAULT 'f');
CREATE DOMAIN sha1 AS bytea CHECK (length(VALUE) = 20);
CREATE TABLE ap (
    id integer PRIMARY KEY,
    invnumber text,
    approved bool NOT NULL DEFAULT 'false',
    closed boolean DEFAULT 'yes',
    approved_on date DEFAULT NULL,
    sequence text NOT NULL DEFAULT '1',
    numberformat text DEFAULT '1000.00' NOT NULL,
    -- Stored as `NULL::character varying` (a length coercion), unlike the date's.
    account varchar(40) DEFAULT NULL,
    amount numeric(10, 2) DEFAULT NULL,
    tags text[] DEFAULT NULL,
    checksum sha1 DEFAULT NULL
);
-- Later branches of a UNION are named after the first one in the catalog.
CREATE VIEW tx_report AS
    (SELECT id, reference, 'gl' AS "table", approved FROM gl
     UNION ALL
     SELECT id, invnumber, 'ap', approved FROM ap)
    UNION ALL
    SELECT id, invnumber AS other_name, 'ap2', approved FROM ap;
-- EXTRACT's field is case-insensitive.
CREATE VIEW periods AS
    SELECT 'ytd' AS id, (extract('year' FROM now())::text || '-01-01')::date AS date_from
    UNION
    SELECT 'last_year', ((extract('YEAR' FROM now()) - 1)::text || '-01-01')::date;
