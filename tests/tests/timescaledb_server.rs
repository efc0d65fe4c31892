//! The PostgreSQL dialect against the real TimescaleDB test server (PostgreSQL 17): catalog
//! introspection works on a second major version, TimescaleDB's internal schemas and
//! objects are never reported, and a live round trip converges.
//!
//! The server serves one connection at a time, so everything happens in one test, one
//! connection after the other.

use migrator_tests::*;

#[test]
fn live_round_trip_on_timescaledb_leaves_its_internal_objects_alone() {
    let dsn = tsdb_dsn();
    let snapshot = migrator_ok(&["inspect", "--dsn", &dsn]).stdout;
    assert!(
        !snapshot.contains("_timescaledb"),
        "internal schemas leaked:\n{snapshot}"
    );
    assert!(
        snapshot.contains("\"timescaledb\""),
        "the extension itself is listed"
    );

    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("schema.sql");
    std::fs::write(
        &schema,
        "CREATE EXTENSION IF NOT EXISTS timescaledb;\n\
         CREATE TYPE rt_level AS ENUM ('low', 'high');\n\
         CREATE TABLE rt_sensors (id serial PRIMARY KEY, name text NOT NULL UNIQUE, lvl rt_level DEFAULT 'low');\n\
         CREATE TABLE rt_readings (sensor_id integer NOT NULL REFERENCES rt_sensors, at timestamptz NOT NULL, v double precision CHECK (v > -273.15));\n\
         CREATE INDEX ON rt_readings (sensor_id, at DESC);\n",
    )
    .unwrap();
    let m = tmp.path().join("m");
    let (schema, m) = (schema.to_str().unwrap(), m.to_str().unwrap());
    migrator_ok(&[
        "generate",
        "--schema",
        schema,
        "--migrations",
        m,
        "--dsn",
        &dsn,
    ]);
    let ups = migration_files(std::path::Path::new(m), "up");
    assert_eq!(ups.len(), 1);
    exec(&dsn, &std::fs::read_to_string(&ups[0]).unwrap()).expect("up applies on TimescaleDB");
    let again = migrator_ok(&[
        "generate",
        "--schema",
        schema,
        "--migrations",
        m,
        "--dsn",
        &dsn,
    ]);
    assert_eq!(again.stdout.trim(), "no changes");
    let down = migration_files(std::path::Path::new(m), "down");
    exec(&dsn, &std::fs::read_to_string(&down[0]).unwrap()).expect("down applies on TimescaleDB");
    let after = migrator_ok(&["inspect", "--dsn", &dsn]).stdout;
    assert_eq!(after, snapshot, "down restores the original catalog");
}
