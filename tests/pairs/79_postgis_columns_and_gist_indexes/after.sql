CREATE EXTENSION postgis;

CREATE TABLE places (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    geom geometry(Point, 4326) NOT NULL,
    -- A changed type modifier is a changed type.
    position geometry(PointZ, 4326),
    area geography(Polygon, 4326),
    srid integer REFERENCES spatial_ref_sys (srid)
);
CREATE INDEX places_geom_idx ON places USING gist (geom);
CREATE INDEX places_area_idx ON places USING gist (area);

CREATE TABLE routes (
    id bigint PRIMARY KEY,
    path geometry(MultiLineStringZ, 3857) NOT NULL
);
CREATE INDEX routes_path_nd_idx ON routes USING gist (path gist_geometry_ops_nd);

CREATE VIEW place_points AS
    SELECT id, name, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM places;
