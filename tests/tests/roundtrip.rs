//! Round trips against the real PostgreSQL 15: for each fixture pair under `tests/pairs/`,
//! the generated migrations (offline and live) are applied file by file as golang-migrate
//! would, the catalog must equal a database loaded from the desired SQL, a second generate
//! must find nothing, and the down files must bring the catalog back.

use migrator_tests::*;

macro_rules! pairs {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                roundtrip(stringify!($name).trim_start_matches("pair_"));
            }
        )*

        #[test]
        fn every_fixture_pair_has_a_test() {
            let listed = [$(stringify!($name).trim_start_matches("pair_")),*];
            let mut dirs: Vec<String> = std::fs::read_dir(repo_root().join("tests/pairs"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .collect();
            dirs.sort();
            for d in &dirs {
                assert!(listed.contains(&d.as_str()), "tests/pairs/{d} has no test in roundtrip.rs");
            }
            assert!(dirs.len() >= 20, "expected at least 20 fixture pairs");
        }
    };
}

pairs!(
    pair_01_initial_from_empty,
    pair_02_add_columns,
    pair_03_drop_columns,
    pair_04_alter_column_types,
    pair_05_defaults_and_nullability,
    pair_06_identity_columns,
    pair_07_serial_columns,
    pair_08_sequences,
    pair_09_enum_add_values,
    pair_10_enum_remove_value,
    pair_11_primary_and_unique_keys,
    pair_12_foreign_keys,
    pair_13_check_constraints,
    pair_14_exclude_constraints,
    pair_15_indexes,
    pair_16_comments,
    pair_17_schemas,
    pair_18_extensions,
    pair_19_odd_identifiers,
    pair_20_fk_cycle_between_new_tables,
    pair_21_generated_columns,
    pair_22_collations,
    pair_23_many_types,
    pair_24_drop_tables,
    pair_25_pg_dump_style,
    pair_26_views,
    pair_27_views_around_column_changes,
    pair_28_materialized_views,
);

/// Two spellings of one schema: neither the offline nor the live path finds a change.
#[test]
fn spelling_differences_are_not_changes() {
    let dir = repo_root().join("tests/noop");
    let before = dir.join("before.sql");
    let after = dir.join("after.sql");
    let (before, after) = (before.to_str().unwrap(), after.to_str().unwrap());
    let want = TestDb::with_sql("noop_ref", &std::fs::read_to_string(before).unwrap()).dump();
    let other = TestDb::with_sql("noop_other", &std::fs::read_to_string(after).unwrap());
    assert_same_catalog(
        &other.dump(),
        &want,
        "the two spellings load the same catalog",
    );

    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let m = m.to_str().unwrap();
    migrator_ok(&["generate", "--schema", before, "--migrations", m]);
    let o = migrator_ok(&["generate", "--schema", after, "--migrations", m]);
    assert_eq!(o.stdout.trim(), "no changes");
    let o = migrator_ok(&[
        "generate",
        "--schema",
        after,
        "--migrations",
        m,
        "--dsn",
        &other.dsn,
    ]);
    assert_eq!(o.stdout.trim(), "no changes");
    let live = TestDb::with_sql("noop_live", &std::fs::read_to_string(before).unwrap());
    let o = migrator_ok(&[
        "generate",
        "--schema",
        after,
        "--migrations",
        m,
        "--dsn",
        &live.dsn,
    ]);
    assert_eq!(o.stdout.trim(), "no changes");
}

/// `inspect --dsn` writes a snapshot that `generate --current` reads back: no changes.
/// `inspect --format sql` prints DDL that recreates the same catalog.
#[test]
fn snapshots_and_sql_output_of_inspect_round_trip() {
    let after = pair_dir("01_initial_from_empty").join("after.sql");
    let sql = std::fs::read_to_string(&after).unwrap();
    let db = TestDb::with_sql("inspect_src", &sql);
    let snapshot = migrator_ok(&["inspect", "--dsn", &db.dsn]).stdout;
    let tmp = tempfile::tempdir().unwrap();
    let current = tmp.path().join("current.json");
    std::fs::write(&current, &snapshot).unwrap();
    let m = tmp.path().join("m");
    let o = migrator_ok(&[
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--current",
        current.to_str().unwrap(),
    ]);
    assert_eq!(o.stdout.trim(), "no changes");

    let ddl = migrator_ok(&["inspect", "--dsn", &db.dsn, "--format", "sql"]).stdout;
    let copy = TestDb::with_sql("inspect_copy", &ddl);
    assert_same_catalog(&copy.dump(), &db.dump(), "inspect --format sql");
}
