//! The round trip of one pair, returning what went wrong instead of panicking, and the
//! property tests that run it.

use super::*;

pub(crate) fn empty_dump() -> &'static str {
    static EMPTY: OnceLock<String> = OnceLock::new();
    EMPTY.get_or_init(|| TestDb::new("prop_empty").dump())
}

pub(crate) fn catalog_diff(actual: &str, expected: &str, what: &str) -> Result<(), String> {
    if actual == expected {
        return Ok(());
    }
    let a: Vec<&str> = actual.lines().collect();
    let e: Vec<&str> = expected.lines().collect();
    let mut report = String::new();
    for l in e.iter().filter(|l| !a.contains(l)) {
        writeln!(report, "- {l}").unwrap();
    }
    for l in a.iter().filter(|l| !e.contains(l)) {
        writeln!(report, "+ {l}").unwrap();
    }
    if report.is_empty() {
        report = "(same lines, different order)".into();
    }
    Err(format!(
        "{what}: catalogs differ (- expected, + actual):\n{report}"
    ))
}

pub(crate) fn loaded(label: &str, sql: &str) -> Result<TestDb, String> {
    let db = TestDb::new(label);
    if !sql.trim().is_empty() {
        db.exec(sql)
            .map_err(|e| format!("the generated schema does not load ({label}): {e}"))?;
    }
    Ok(db)
}

pub(crate) fn generate(args: &[&str]) -> Result<String, String> {
    let o = migrator(args);
    if o.code != 0 {
        return Err(format!(
            "migrator {args:?} failed: {}{}",
            o.stdout, o.stderr
        ));
    }
    Ok(o.stdout)
}

pub(crate) fn apply_files(db: &TestDb, files: &[PathBuf], tamper: bool) -> Result<(), String> {
    for f in files {
        let mut sql = std::fs::read_to_string(f).map_err(|e| e.to_string())?;
        if tamper {
            sql.push_str("\nCREATE TABLE tampered_by_the_selftest ();\n");
        }
        db.exec(&sql)
            .map_err(|e| format!("applying {} failed: {e}\n--- file ---\n{sql}", file_name(f)))?;
    }
    Ok(())
}

pub(crate) fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().to_string()
}

pub(crate) fn expect_no_changes(out: &str, what: &str, dir: &Path) -> Result<(), String> {
    if out.trim() == "no changes" {
        return Ok(());
    }
    let mut extra = String::new();
    for f in migration_files(dir, "up").iter().rev().take(1) {
        extra = std::fs::read_to_string(f).unwrap_or_default();
    }
    Err(format!(
        "{what} is not empty: {}\n--- it wrote ---\n{extra}",
        out.trim()
    ))
}

/// The offline and live round trips of (before, after). `tamper` adds a statement to
/// every up file: the check must then fail (see `the_property_can_fail`).
pub(crate) fn check_pair(before_sql: &str, after_sql: &str, tamper: bool) -> Result<(), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let before = tmp.path().join("before.sql");
    let after = tmp.path().join("after.sql");
    std::fs::write(&before, before_sql).unwrap();
    std::fs::write(&after, after_sql).unwrap();
    let (before, after) = (before.to_str().unwrap(), after.to_str().unwrap());
    let empty = empty_dump();
    let want_before = loaded("prop_refb", before_sql)?.dump();
    let want_after = loaded("prop_refa", after_sql)?.dump();
    let same = want_before == want_after;

    // Offline.
    let m = tmp.path().join("m");
    let ms = m.to_str().unwrap();
    generate(&[
        "generate",
        "--allow-destructive",
        "--schema",
        before,
        "--migrations",
        ms,
    ])?;
    let initial = migration_files(&m, "up");
    let db = TestDb::new("prop_off");
    apply_files(&db, &initial, tamper)?;
    catalog_diff(&db.dump(), &want_before, "offline initial migration")?;
    let out = generate(&[
        "generate",
        "--allow-destructive",
        "--schema",
        after,
        "--migrations",
        ms,
        "--name",
        "upgrade",
    ])?;
    if same {
        expect_no_changes(&out, "generate for an unchanged catalog", &m)?;
        return Ok(());
    }
    let upgrade: Vec<PathBuf> = migration_files(&m, "up")
        .into_iter()
        .filter(|f| !initial.contains(f))
        .collect();
    if upgrade.is_empty() {
        return Err(format!("offline upgrade wrote nothing: {}", out.trim()));
    }
    apply_files(&db, &upgrade, false)?;
    catalog_diff(&db.dump(), &want_after, "offline upgrade")?;
    let out = generate(&[
        "generate",
        "--allow-destructive",
        "--schema",
        after,
        "--migrations",
        ms,
    ])?;
    expect_no_changes(&out, "second offline generate", &m)?;
    let out = generate(&[
        "generate",
        "--allow-destructive",
        "--schema",
        after,
        "--migrations",
        ms,
        "--dsn",
        &db.dsn,
    ])?;
    expect_no_changes(&out, "live generate after the offline upgrade", &m)?;
    let downs: Vec<PathBuf> = upgrade
        .iter()
        .rev()
        .map(|p| PathBuf::from(p.to_string_lossy().replace(".up.sql", ".down.sql")))
        .collect();
    apply_files(&db, &downs, false)?;
    catalog_diff(&db.dump(), &want_before, "offline downgrade")?;
    let initial_downs: Vec<PathBuf> = initial
        .iter()
        .rev()
        .map(|p| PathBuf::from(p.to_string_lossy().replace(".up.sql", ".down.sql")))
        .collect();
    apply_files(&db, &initial_downs, false)?;
    catalog_diff(&db.dump(), empty, "offline downgrade to empty")?;

    // Live.
    let live = loaded("prop_live", before_sql)?;
    let n = tmp.path().join("n");
    let ns = n.to_str().unwrap();
    generate(&[
        "generate",
        "--allow-destructive",
        "--schema",
        after,
        "--migrations",
        ns,
        "--dsn",
        &live.dsn,
    ])?;
    apply_files(&live, &migration_files(&n, "up"), false)?;
    catalog_diff(&live.dump(), &want_after, "live upgrade")?;
    let out = generate(&[
        "generate",
        "--allow-destructive",
        "--schema",
        after,
        "--migrations",
        ns,
        "--dsn",
        &live.dsn,
    ])?;
    expect_no_changes(&out, "second live generate", &n)?;
    apply_files(&live, &migration_files(&n, "down"), false)?;
    catalog_diff(&live.dump(), &want_before, "live downgrade")?;
    Ok(())
}

/// The seed of every runner here: fixed by default, so CI runs the same cases each time
/// (a red CI is a change's fault, not the dice's); `PROPTEST_RNG_SEED=<u64>` picks
/// another, `PROPTEST_RNG_SEED=random` a fresh one per run (for longer local hunts).
pub(crate) fn seed() -> RngSeed {
    match std::env::var("PROPTEST_RNG_SEED").as_deref() {
        Ok("random") => RngSeed::Random,
        Ok(v) => RngSeed::Fixed(v.parse().expect("PROPTEST_RNG_SEED is a u64 or `random`")),
        Err(_) => RngSeed::Fixed(20_261_122),
    }
}

pub(crate) fn env_num(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
pub(crate) fn random_schemas_and_edits_round_trip() {
    let config = Config {
        cases: env_num("PROPTEST_CASES", 16),
        max_shrink_iters: env_num("PROPTEST_MAX_SHRINK_ITERS", 200),
        max_shrink_time: env_num("PROPTEST_MAX_SHRINK_TIME", 120_000),
        // Minimal failing pairs are printed, not written next to the sources.
        failure_persistence: None,
        rng_seed: seed(),
        ..Config::default()
    };
    let selftest = std::env::var("MIGRATOR_PROPTEST_SELFTEST").is_ok_and(|v| v == "1");
    let mut runner = TestRunner::new(config);
    let strategy = (
        model_strategy(),
        prop::collection::vec(edit_strategy(), 1..6),
    );
    let result = runner.run(&strategy, |(model, edits)| {
        let before = render(&model);
        let mut changed = model.clone();
        for e in &edits {
            changed.apply(e);
        }
        let after = render(&changed);
        check_pair(&before, &after, selftest).map_err(|e| {
            TestCaseError::fail(format!(
                "{e}\n=== before.sql ===\n{before}=== after.sql ===\n{after}==="
            ))
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The checker notices a migration that does not reach the desired catalog.
#[test]
pub(crate) fn the_property_can_fail() {
    let before = "CREATE TABLE t (a integer PRIMARY KEY);\n";
    let after = "CREATE TABLE t (a integer PRIMARY KEY, b text);\n";
    check_pair(before, after, false).expect("an honest pair round-trips");
    let e = check_pair(before, after, true).expect_err("a tampered migration is caught");
    assert!(e.contains("tampered_by_the_selftest"), "{e}");
}

/// The generator only produces SQL PostgreSQL accepts (checked without migrator), so a
/// failure of the property is migrator's, not the generator's.
#[test]
pub(crate) fn generated_schemas_load() {
    let mut runner = TestRunner::new(Config {
        cases: env_num("PROPTEST_CASES", 16) * 4,
        failure_persistence: None,
        rng_seed: seed(),
        ..Config::default()
    });
    let db = TestDb::new("prop_gen");
    let strategy = (
        model_strategy(),
        prop::collection::vec(edit_strategy(), 1..6),
    );
    runner
        .run(&strategy, |(model, edits)| {
            let mut changed = model.clone();
            for e in &edits {
                changed.apply(e);
            }
            for sql in [render(&model), render(&changed)] {
                // Loaded and rolled back: one transaction per schema.
                let wrapped = format!("BEGIN;\n{sql}\nROLLBACK;");
                db.exec(&wrapped)
                    .map_err(|e| TestCaseError::fail(format!("{e}\n{sql}")))?;
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

/// The fast, database-free oracles of `migrator_tests::offline` on many more random
/// schemas (`MIGRATOR_PROPTEST_OFFLINE_CASES`, default 128): the initial migration
/// replays to no changes, and its downs undo its ups.
#[test]
pub(crate) fn random_schemas_replay_offline() {
    let mut runner = TestRunner::new(Config {
        cases: env_num("MIGRATOR_PROPTEST_OFFLINE_CASES", 128),
        max_shrink_iters: env_num("PROPTEST_MAX_SHRINK_ITERS", 200),
        max_shrink_time: env_num("PROPTEST_MAX_SHRINK_TIME", 120_000),
        failure_persistence: None,
        rng_seed: seed(),
        ..Config::default()
    });
    runner
        .run(&model_strategy(), |model| {
            let sql = render(&model);
            match migrator_tests::offline::check_text(&sql) {
                Ok(migrator_tests::offline::Verdict::Ok) => Ok(()),
                Ok(migrator_tests::offline::Verdict::Refused(e)) => Err(TestCaseError::fail(
                    format!("a supported schema was refused: {e}\n=== schema.sql ===\n{sql}"),
                )),
                Err(e) => Err(TestCaseError::fail(format!(
                    "{e}\n=== schema.sql ===\n{sql}"
                ))),
            }
        })
        .unwrap_or_else(|e| panic!("{e}"));
}
