//! Snapshot tests of the generated SQL (insta): for every fixture pair, the upgrade that the
//! offline path writes (before.sql replayed as the current state, after.sql desired). A change
//! in generated SQL shows up as a reviewable snapshot diff. No database is needed here; the
//! behaviour of the same files is proven in roundtrip.rs.

use migrator_tests::*;

fn upgrade_files(name: &str) -> String {
    let extra = pair_args(name);
    let migrator_ok = |args: &[&str]| {
        let mut argv: Vec<&str> = args.to_vec();
        argv.extend(extra.iter().map(String::as_str));
        migrator_ok(&argv)
    };
    let dir = pair_dir(name);
    let before = dir.join("before.sql");
    let after = dir.join("after.sql");
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("migrations");
    let m = m.to_str().unwrap();
    let before_sql = std::fs::read_to_string(&before).unwrap_or_default();
    if !before_sql.trim().is_empty() {
        migrator_ok(&[
            "generate",
            "--schema",
            before.to_str().unwrap(),
            "--migrations",
            m,
        ]);
    }
    let existing = migration_files(tmp.path().join("migrations").as_path(), "up").len();
    migrator_ok(&[
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m,
        "--name",
        "upgrade",
    ]);
    let mut files: Vec<_> = std::fs::read_dir(m)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut out = String::new();
    for f in files.iter().skip(existing * 2) {
        out.push_str(&format!(
            "==> {}\n",
            f.file_name().unwrap().to_string_lossy()
        ));
        out.push_str(&std::fs::read_to_string(f).unwrap());
        out.push('\n');
    }
    out
}

#[test]
fn generated_sql_for_every_pair() {
    let mut names: Vec<String> = std::fs::read_dir(repo_root().join("tests/pairs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    for name in names {
        insta::assert_snapshot!(name.clone(), upgrade_files(&name));
    }
}

#[test]
fn output_is_byte_for_byte_deterministic() {
    let a = upgrade_files("19_odd_identifiers");
    let b = upgrade_files("19_odd_identifiers");
    assert_eq!(a, b);
    assert!(!a.is_empty());
}
