-- Constants whose type input rewrites the text: money, bit and interval, with casts, in
-- ISO 8601 form and with interval qualifiers.
CREATE TABLE prices (
    id integer PRIMARY KEY,
    amount money DEFAULT '12.5',
    fee money DEFAULT 1.5::money CHECK (fee >= '0'::money),
    bits bit(4) DEFAULT B'1010',
    mask bit varying(8) DEFAULT '101'::bit varying,
    hexbits bit(8) DEFAULT X'1F',
    ttl interval DEFAULT '1 day',
    iso interval DEFAULT interval 'P1D',
    iso_long interval DEFAULT 'P1Y2M3DT4H5M6S'::interval,
    hours interval DEFAULT interval '36' hour,
    days interval DEFAULT interval '1' day,
    span interval DEFAULT '90 minutes'::interval CHECK (span > interval '1 hour'),
    grace interval DAY TO SECOND DEFAULT '1 day 2:03:04',
    weeks interval DEFAULT '2 weeks'
);
CREATE VIEW recent_prices AS
    SELECT id, amount + '1.00'::money AS raised, ttl + interval 'PT30M' AS ttl_plus
    FROM prices
    WHERE ttl < interval '2' day AND bits = B'1010';
