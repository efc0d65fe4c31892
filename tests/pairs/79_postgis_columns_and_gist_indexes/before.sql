-- PostGIS columns with identifier type modifiers, as the catalog prints them back
-- (`geometry(Point,4326)`); spatial_ref_sys belongs to the extension and stays untouched.
CREATE EXTENSION postgis;

CREATE TABLE places (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    geom geometry(Point, 4326),
    position geometry(Point)
);
CREATE INDEX places_geom_idx ON places USING gist (geom);
