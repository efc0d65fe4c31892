//! Schema changes PostgreSQL cannot make the way the files state them are refused at
//! generation with an error that names the statement and the way out, and nothing is
//! written. These tests need no database.

use migrator_tests::*;
use std::fs;
use std::path::Path;

/// Generates `before`, then `after` into the same directory: the second run's outcome,
/// and whether it left the directory as the first run did.
fn generate_pair(before: &str, after: &str) -> (Outcome, bool) {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let listing = || {
        let mut v: Vec<String> = fs::read_dir(&m)
            .map(|rd| {
                rd.map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    let generate = |name: &str, sql: &str| {
        let schema = tmp.path().join(name);
        fs::write(&schema, sql).unwrap();
        migrator(&[
            "generate",
            "--schema",
            schema.to_str().unwrap(),
            "--migrations",
            m.to_str().unwrap(),
            "--allow-destructive",
        ])
    };
    assert_eq!(generate("before.sql", before).code, 0);
    let written = listing();
    let o = generate("after.sql", after);
    let unchanged = listing() == written && Path::new(&m).exists();
    (o, unchanged)
}

#[test]
fn a_parent_gained_whose_column_the_child_does_not_declare_is_refused() {
    let parents = "CREATE TABLE p1 (a int);\nCREATE TABLE p2 (b int);\n";
    let (o, unchanged) = generate_pair(
        &format!("{parents}CREATE TABLE c (x int) INHERITS (p1);\n"),
        &format!("{parents}CREATE TABLE c (x int) INHERITS (p1, p2);\n"),
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("ALTER TABLE public.c INHERIT public.p2: column b")
            && o.stderr.contains("declare the column"),
        "{}",
        o.stderr
    );
    assert!(unchanged, "nothing more may be written");
}

#[test]
fn an_enum_rebuilt_under_a_domain_or_a_composite_is_refused() {
    for user in [
        "CREATE DOMAIN d AS st;\nCREATE TABLE t (x d);\n",
        "CREATE TYPE pair AS (s st, n int);\n",
    ] {
        let (o, unchanged) = generate_pair(
            &format!("CREATE TYPE st AS ENUM ('a', 'b', 'c');\n{user}"),
            &format!("CREATE TYPE st AS ENUM ('a', 'c');\n{user}"),
        );
        assert_eq!(o.code, 1, "{}", o.stderr);
        assert!(
            o.stderr.contains("enum type public.st must be rebuilt")
                && (o.stderr.contains("domain public.d uses it")
                    || o.stderr
                        .contains("attribute s of composite type public.pair uses it")),
            "{}",
            o.stderr
        );
        assert!(unchanged, "nothing more may be written");
    }
}
