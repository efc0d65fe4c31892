//! The timescale dialect's rules, checked on the real TimescaleDB 2.23 server: the
//! transaction rules it registers are what the server enforces, the `timescaledb`
//! extension is never dropped, TimescaleDB's internal objects are never diffed, and what
//! the dialect does not support is an error naming file and line.

use migrator_tests::tsdb::{files_text, load, lock, pair_dir, snapshot, RESET};
use migrator_tests::*;
use std::path::Path;

fn generate(args: &[&str]) -> Outcome {
    let mut all = vec!["--dialect", "timescale", "generate"];
    all.extend_from_slice(args);
    migrator(&all)
}

/// What the server enforces, measured: creating a continuous aggregate WITH DATA fails in
/// a transaction block and in a multi-statement Exec (an implicit transaction), works
/// alone; WITH NO DATA works in a transaction; so do the policy functions and
/// `create_hypertable`; `refresh_continuous_aggregate` does not.
#[test]
fn transaction_rules_match_the_server() {
    let _g = lock();
    let dsn = tsdb_dsn();
    load(
        &dsn,
        "CREATE TABLE tx_m (time timestamptz NOT NULL, v int);\n\
         SELECT create_hypertable('tx_m', by_range('time'));\n",
    );
    let cagg = "CREATE MATERIALIZED VIEW tx_c WITH (timescaledb.continuous) AS \
                SELECT time_bucket('1 hour', time) AS b, count(*) FROM tx_m GROUP BY 1";
    let e = exec(&dsn, &format!("BEGIN; {cagg}; COMMIT;")).unwrap_err();
    assert!(e.contains("cannot run inside a transaction block"), "{e}");
    let e = exec(&dsn, &format!("SELECT 1; {cagg};")).unwrap_err();
    assert!(e.contains("cannot run inside a transaction block"), "{e}");
    exec(&dsn, &format!("{cagg};")).expect("alone, with data, it works");
    exec(
        &dsn,
        &format!(
            "BEGIN; DROP MATERIALIZED VIEW tx_c; {cagg} WITH NO DATA; \
             SELECT add_continuous_aggregate_policy('tx_c', NULL, INTERVAL '1 hour', INTERVAL '1 hour'); \
             ALTER TABLE tx_m SET (timescaledb.compress); \
             SELECT add_compression_policy('tx_m', INTERVAL '1 day'); \
             SELECT add_retention_policy('tx_m', INTERVAL '9 days'); \
             SELECT set_chunk_time_interval('tx_m', INTERVAL '2 days'); COMMIT;"
        ),
    )
    .expect("WITH NO DATA and the policy functions work in a transaction");
    let e = exec(
        &dsn,
        "BEGIN; CALL refresh_continuous_aggregate('tx_c', NULL, NULL); COMMIT;",
    )
    .unwrap_err();
    assert!(e.contains("cannot run inside a transaction block"), "{e}");
    exec(&dsn, RESET).unwrap();
}

/// The planner puts a new continuous aggregate alone in a version without BEGIN/COMMIT;
/// its refresh policy and indexes follow in a transactional version.
#[test]
fn a_new_continuous_aggregate_gets_a_version_of_its_own_without_a_transaction() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let after = pair_dir("11_cagg_added_with_policy").join("after.sql");
    let o = generate(&[
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let ups = migration_files(&m, "up");
    let mut saw_cagg = false;
    for f in &ups {
        let text = std::fs::read_to_string(f).unwrap();
        if text.contains("CREATE MATERIALIZED VIEW") {
            saw_cagg = true;
            assert!(!text.contains("BEGIN;"), "{}:\n{text}", f.display());
            assert_eq!(text.matches(';').count(), 1, "the only statement: {text}");
        } else {
            assert!(text.contains("BEGIN;"), "{}:\n{text}", f.display());
        }
    }
    assert!(saw_cagg && ups.len() == 3, "{}", files_text(&m));
}

/// Desired files that do not declare `timescaledb` never drop it, and the down of an
/// initial migration that created it leaves it in place.
#[test]
fn the_timescaledb_extension_is_never_dropped() {
    let _g = lock();
    let dsn = tsdb_dsn();
    load(&dsn, "");
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("s.sql");
    std::fs::write(&schema, "CREATE TABLE ext_t (time timestamptz NOT NULL);\nSELECT create_hypertable('ext_t', by_range('time'));\n").unwrap();
    let m = tmp.path().join("m");
    let (s, ms) = (schema.to_str().unwrap(), m.to_str().unwrap());
    let o = generate(&["--schema", s, "--migrations", ms, "--dsn", &dsn]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let text = files_text(&m);
    assert!(!text.contains("DROP EXTENSION"), "{text}");

    let declared = tmp.path().join("d.sql");
    std::fs::write(
        &declared,
        "CREATE EXTENSION timescaledb;\nCREATE TABLE ext_u (id int);\n",
    )
    .unwrap();
    let n = tmp.path().join("n");
    let o = generate(&[
        "--schema",
        declared.to_str().unwrap(),
        "--migrations",
        n.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let text = files_text(&n);
    assert!(
        text.contains("CREATE EXTENSION IF NOT EXISTS timescaledb"),
        "{text}"
    );
    assert!(!text.contains("DROP EXTENSION"), "{text}");
    for f in migration_files(&n, "up")
        .iter()
        .chain(migration_files(&n, "down").iter())
    {
        exec(&dsn, &std::fs::read_to_string(f).unwrap()).unwrap();
    }
    let snap = snapshot(&dsn);
    assert!(
        snap.contains("\"timescaledb\""),
        "the extension is still there"
    );
}

/// Chunks, materialization hypertables, compressed chunk tables and the cagg's user view
/// (a plain view to PostgreSQL) never reach the schema IR as tables or views.
#[test]
fn internal_objects_are_never_diffed() {
    let _g = lock();
    let dsn = tsdb_dsn();
    let sql =
        std::fs::read_to_string(pair_dir("01_whole_schema_from_empty").join("after.sql")).unwrap();
    load(&dsn, &sql);
    exec(&dsn, "INSERT INTO devices (name) VALUES ('a'); INSERT INTO conditions SELECT now() - g * INTERVAL '1 day', 1, g, g FROM generate_series(1, 20) g;").unwrap();
    exec(&dsn, "SELECT count(compress_chunk(c)) FROM show_chunks('conditions', older_than => INTERVAL '8 days') c").unwrap();
    exec(
        &dsn,
        "CALL refresh_continuous_aggregate('conditions_hourly', NULL, NULL)",
    )
    .unwrap();
    let ir = migrator_ok(&["--dialect", "timescale", "inspect", "--dsn", &dsn]).stdout;
    for internal in [
        "_timescaledb",
        "_hyper_",
        "_materialized_hypertable",
        "compress_hyper",
    ] {
        assert!(!ir.contains(internal), "{internal} leaked:\n{ir}");
    }
    let v: serde_json::Value = serde_json::from_str(&ir).unwrap();
    assert!(
        v.get("views")
            .and_then(|x| x.as_array())
            .is_none_or(|x| x.is_empty()),
        "{ir}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("s.sql");
    std::fs::write(&schema, &sql).unwrap();
    let o = generate(&[
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        tmp.path().join("m").to_str().unwrap(),
        "--dsn",
        &dsn,
    ]);
    assert_eq!(o.stdout.trim(), "no changes", "{}", o.stderr);
    exec(&dsn, RESET).unwrap();
}

fn load_error(sql: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("schema.sql");
    std::fs::write(&schema, sql).unwrap();
    let m = tmp.path().join("m");
    let o = generate(&[
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    assert_ne!(o.code, 0, "expected an error for:\n{sql}");
    assert!(!Path::new(&m).exists(), "nothing is written on error");
    o.stderr
}

#[test]
fn unsupported_timescaledb_features_are_errors_with_file_and_line() {
    let table = "CREATE TABLE t (time timestamptz NOT NULL, v int);\n";
    let ht = "SELECT create_hypertable('t', by_range('time'));\n";
    let cases = [
        (format!("{table}{ht}SELECT enable_chunk_skipping('t', 'v');\n"), 3, "enable_chunk_skipping"),
        (format!("{table}CREATE TABLE u (time timestamptz NOT NULL) WITH (tsdb.hypertable, tsdb.associated_schema = 'x');\n"), 2, "tsdb.associated_schema"),
        (format!("{table}{ht}SELECT alter_job(1000, schedule_interval => INTERVAL '1 hour');\n"), 3, "alter_job: schedule_interval"),
        (format!("{table}{ht}SELECT delete_job(1000);\n"), 3, "delete_job"),
        (format!("{table}{ht}ALTER TABLE t SET (timescaledb.compress_chunk_time_interval = '1 day');\n"), 3, "compress_chunk_time_interval"),
        (format!("{table}SELECT add_retention_policy('t', INTERVAL '1 day');\n"), 2, "not a hypertable"),
        (format!("{table}{ht}SELECT add_compression_policy('t', INTERVAL '1 day');\n"), 3, "compression is not enabled"),
        (format!("{table}{ht}CREATE MATERIALIZED VIEW c WITH (timescaledb.continuous) AS SELECT time_bucket('1 hour', time) AS b, count(*) FROM t GROUP BY 1;\nCREATE INDEX ON c (b);\n"), 4, "needs a name"),
    ];
    for (sql, line, what) in cases {
        let e = load_error(&sql);
        assert!(
            e.contains(&format!("schema.sql:{line}:")) && e.contains(what),
            "{e}\nfor:\n{sql}"
        );
    }
}

/// A dimension added under a continuous aggregate: its down would rebuild the hypertable,
/// which would take the aggregate along, so generating refuses it and says why, writing
/// nothing; with the aggregate gone first, the same change generates.
#[test]
fn a_rebuild_that_would_lose_a_continuous_aggregate_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let table = "CREATE TABLE t (time timestamptz NOT NULL, dev text NOT NULL, v int);\n\
                 SELECT create_hypertable('t', by_range('time'));\n";
    let cagg = "CREATE MATERIALIZED VIEW c WITH (timescaledb.continuous) AS \
                SELECT time_bucket('1 hour', time) AS b, count(*) FROM t GROUP BY 1;\n";
    let dim = "SELECT add_dimension('t', by_hash('dev', 2));\n";
    let run = |sql: String| {
        let f = tmp.path().join("schema.sql");
        std::fs::write(&f, sql).unwrap();
        generate(&[
            "--schema",
            f.to_str().unwrap(),
            "--migrations",
            m.to_str().unwrap(),
        ])
    };
    assert_eq!(run(format!("{table}{cagg}")).code, 0);
    let before = migration_files(&m, "up").len();
    let o = run(format!("{table}{dim}{cagg}"));
    assert_ne!(o.code, 0);
    assert!(
        o.stderr.contains("hypertable public.t")
            && o.stderr
                .contains("would lose its continuous aggregate public.c;"),
        "{}",
        o.stderr
    );
    assert_eq!(migration_files(&m, "up").len(), before, "nothing written");
    assert_eq!(
        run(table.to_string()).code,
        0,
        "the aggregate dropped first"
    );
    assert_eq!(
        run(format!("{table}{dim}")).code,
        0,
        "then the dimension added"
    );
}

/// `examples/metrics`: generated live against an empty database, applied as golang-migrate
/// would, generated again (nothing), and rolled back to an empty catalog.
#[test]
fn the_metrics_example_applies_converges_and_rolls_back() {
    let _g = lock();
    let dsn = tsdb_dsn();
    load(&dsn, "");
    let empty = snapshot(&dsn);
    let schema = repo_root().join("examples/metrics/schema");
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let (s, ms) = (schema.to_str().unwrap(), m.to_str().unwrap());
    let o = generate(&["--schema", s, "--migrations", ms, "--dsn", &dsn]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    for f in migration_files(&m, "up") {
        exec(&dsn, &std::fs::read_to_string(&f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    }
    let o = generate(&["--schema", s, "--migrations", ms, "--dsn", &dsn]);
    assert_eq!(o.stdout.trim(), "no changes", "{}", o.stderr);
    let o = generate(&["--schema", s, "--migrations", ms]);
    assert_eq!(o.stdout.trim(), "no changes", "offline: {}", o.stderr);
    for f in migration_files(&m, "down") {
        exec(&dsn, &std::fs::read_to_string(&f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    }
    migrator_tests::tsdb::assert_same(&snapshot(&dsn), &empty, "metrics example rolled back");
}

/// Two spellings of one TimescaleDB schema (legacy and new `create_hypertable`, intervals
/// as text, microseconds or other units, `GROUP BY 1` and expressions, implicit column
/// names): neither the offline nor the live path finds a change.
#[test]
fn timescale_spelling_differences_are_not_changes() {
    let _g = lock();
    let dsn = tsdb_dsn();
    let dir = repo_root().join("tests/timescale_noop");
    let (before, after) = (dir.join("before.sql"), dir.join("after.sql"));
    let (before, after) = (before.to_str().unwrap(), after.to_str().unwrap());
    load(&dsn, &std::fs::read_to_string(after).unwrap());
    let want = snapshot(&dsn);
    load(&dsn, &std::fs::read_to_string(before).unwrap());
    migrator_tests::tsdb::assert_same(
        &snapshot(&dsn),
        &want,
        "the two spellings load the same catalog",
    );
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let ms = m.to_str().unwrap();
    let o = generate(&["--schema", before, "--migrations", ms]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let o = generate(&["--schema", after, "--migrations", ms]);
    assert_eq!(o.stdout.trim(), "no changes", "offline: {}", o.stderr);
    let o = generate(&["--schema", after, "--migrations", ms, "--dsn", &dsn]);
    assert_eq!(o.stdout.trim(), "no changes", "live: {}", o.stderr);
    exec(&dsn, RESET).unwrap();
}
