//! Real extensions on the real server: what the round-trip pairs cannot see. `pg_dump
//! --schema-only` prints an extension as one `CREATE EXTENSION` line, so the pairs would not
//! notice an extension's own tables being altered or its rows lost; these tests look at them.

use migrator_tests::requires::Requirements;
use migrator_tests::tsdb::query_text;
use migrator_tests::*;

/// Every migration file's text in `dir`, up and down.
fn all_files(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for d in ["up", "down"] {
        for f in migration_files(dir, d) {
            text.push_str(&std::fs::read_to_string(f).unwrap());
        }
    }
    text
}

/// pg_cron's jobs and tables survive a live upgrade and its down file; the migrations
/// never name the `cron` schema's objects in DDL, and the extension's version moves.
#[test]
fn pg_cron_jobs_and_tables_stay_untouched() {
    let pair = "80_pg_cron_left_alone_and_updated";
    let req: Requirements = requires::of(&pair_dir(pair));
    if !req.met(pair) {
        return;
    }
    let before = std::fs::read_to_string(pair_dir(pair).join("before.sql")).unwrap();
    let db = TestDb::named(&req.database().unwrap());
    db.exec(&before).unwrap();
    let jobs = |db: &TestDb| query_text(&db.dsn, "SELECT string_agg(jobname, ',') FROM cron.job");
    let version = |db: &TestDb| {
        query_text(
            &db.dsn,
            "SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'",
        )
    };
    assert_eq!(jobs(&db), "nightly-vacuum");
    assert_eq!(version(&db), "1.4");

    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let after = pair_dir(pair).join("after.sql");
    migrator_ok(&[
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--dsn",
        &db.dsn,
    ]);
    let text = all_files(&m);
    for owned in [
        "TABLE cron.",
        "TABLE IF EXISTS cron.",
        "SCHEMA cron",
        "FUNCTION cron.",
    ] {
        assert!(!text.contains(owned), "{owned} in:\n{text}");
    }
    for f in migration_files(&m, "up") {
        apply(&db, &f);
    }
    assert_eq!(jobs(&db), "nightly-vacuum");
    assert_eq!(version(&db), "1.4-1");
    for f in migration_files(&m, "down") {
        apply(&db, &f);
    }
    assert_eq!(jobs(&db), "nightly-vacuum");
    // pg_cron ships no script from 1.4-1 down to 1.4: the down file keeps 1.4-1 (with a
    // NOTICE) rather than failing the rollback.
    assert_eq!(version(&db), "1.4-1");
}

/// PostGIS's spatial_ref_sys keeps its rows through an upgrade and its down file, and a
/// live generate against a database holding it finds nothing to do.
#[test]
fn postgis_spatial_ref_sys_stays_untouched() {
    let pair = "79_postgis_columns_and_gist_indexes";
    let req = requires::of(&pair_dir(pair));
    if !req.met(pair) {
        return;
    }
    let after = pair_dir(pair).join("after.sql");
    let db = TestDb::with_sql(
        "postgis_srs",
        &std::fs::read_to_string(pair_dir(pair).join("before.sql")).unwrap(),
    );
    let srs = |db: &TestDb| query_text(&db.dsn, "SELECT count(*)::text FROM spatial_ref_sys");
    let rows = srs(&db);
    assert_ne!(rows, "0");
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let generate = [
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--dsn",
        &db.dsn,
    ];
    migrator_ok(&generate);
    let text = all_files(&m);
    assert!(!text.contains("TABLE public.spatial_ref_sys"), "{text}");
    for f in migration_files(&m, "up") {
        apply(&db, &f);
    }
    assert_eq!(srs(&db), rows);
    assert_eq!(migrator_ok(&generate).stdout.trim(), "no changes");
    for f in migration_files(&m, "down") {
        apply(&db, &f);
    }
    assert_eq!(srs(&db), rows);
}
