//! `--online` against the real PostgreSQL 15: the SQL it writes (snapshot), its round trip
//! (catalog equals the desired schema, downs come back), and what it is for — writers keep
//! writing while it runs, where the plain path blocks them.
//!
//! The concurrency tests use several connections at once: a holder keeping a transaction
//! open after an INSERT (a ROW EXCLUSIVE lock on the table), writers inserting rows, and the
//! migration files sent as one Exec each, as golang-migrate sends them.

use migrator_tests::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio_postgres::{Client, NoTls};

fn scenario() -> PathBuf {
    repo_root().join("tests/online/existing_tables")
}

/// Generates before.sql then after.sql (with `extra`) into `m`; returns the upgrade's up
/// files.
fn generate_upgrade(dir: &Path, m: &Path, extra: &[&str]) -> Vec<PathBuf> {
    let ms = m.to_str().unwrap();
    migrator_ok(&[
        "generate",
        "--schema",
        dir.join("before.sql").to_str().unwrap(),
        "--migrations",
        ms,
    ]);
    let initial = migration_files(m, "up");
    let after = dir.join("after.sql");
    let mut args = vec![
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        ms,
        "--name",
        "upgrade",
    ];
    args.extend_from_slice(extra);
    migrator_ok(&args);
    migration_files(m, "up")
        .into_iter()
        .filter(|f| !initial.contains(f))
        .collect()
}

#[test]
fn online_sql_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    generate_upgrade(&scenario(), &m, &["--online"]);
    let mut files: Vec<_> = std::fs::read_dir(&m)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.to_string_lossy().contains("000001_") && !p.ends_with("migrator.sum"))
        .collect();
    files.sort();
    let mut out = String::new();
    for f in files {
        out.push_str(&format!(
            "==> {}\n{}\n",
            f.file_name().unwrap().to_string_lossy(),
            std::fs::read_to_string(&f).unwrap()
        ));
    }
    insta::assert_snapshot!("online_existing_tables", out);
}

#[test]
fn online_scenario_round_trips() {
    roundtrip_dir(&scenario(), "online_existing", &["--online"]);
}

#[test]
fn online_timeouts_are_configurable_and_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    generate_upgrade(
        &scenario(),
        &m,
        &[
            "--online",
            "--lock-timeout",
            "2s",
            "--statement-timeout",
            "0",
        ],
    );
    let text: String = migration_files(&m, "up")
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(text.contains("SET LOCAL lock_timeout = '2s';"), "{text}");
    assert!(
        text.contains("SET LOCAL statement_timeout = '0';"),
        "{text}"
    );
    // Every transactional file sets them; a file outside a transaction holds one statement.
    for f in migration_files(&m, "up").iter().skip(1) {
        let t = std::fs::read_to_string(f).unwrap();
        if t.contains("BEGIN;") {
            assert!(t.contains("SET LOCAL lock_timeout"), "{}", f.display());
        } else {
            let statements = t
                .lines()
                .filter(|l| !l.starts_with("--") && l.trim_end().ends_with(';'))
                .count();
            assert_eq!(statements, 1, "{}: {t}", f.display());
        }
    }
    let bad = migrator(&[
        "generate",
        "--schema",
        scenario().join("after.sql").to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--online",
        "--lock-timeout",
        "5s'; DROP TABLE x; --",
    ]);
    assert_eq!(bad.code, 1, "{bad:?}");
    assert!(bad.stderr.contains("--lock-timeout"), "{}", bad.stderr);
}

#[test]
fn without_online_nothing_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let files = generate_upgrade(&scenario(), &m, &[]);
    let text: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    for word in ["CONCURRENTLY", "NOT VALID", "VALIDATE", "lock_timeout"] {
        assert!(!text.contains(word), "{word} without --online:\n{text}");
    }
}

async fn connect(dsn: &str) -> Client {
    let (client, conn) = tokio_postgres::connect(dsn, NoTls).await.expect("connect");
    tokio::spawn(conn);
    client
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A database at the scenario's before state with `rows` accounts.
fn loaded_db(label: &str, rows: u32) -> TestDb {
    let db = TestDb::with_sql(
        label,
        &std::fs::read_to_string(scenario().join("before.sql")).unwrap(),
    );
    db.exec(&format!(
        "INSERT INTO orgs SELECT g, 'org ' || g FROM generate_series(1, 100) g;
         INSERT INTO accounts (id, org_id, email, balance, nickname)
         SELECT g, 1 + g % 100, 'user' || g || '@example.com', g % 1000, 'n' || g
         FROM generate_series(1, {rows}) g;
         ANALYZE accounts;"
    ))
    .unwrap();
    db
}

/// Inserts rows one by one (autocommit) for `for_at_least`, each with a 1s lock timeout;
/// returns how many succeeded and the slowest one.
async fn write_for(
    dsn: String,
    first_id: i64,
    stop: tokio::sync::watch::Receiver<bool>,
) -> (u32, Duration, Vec<String>) {
    let c = connect(&dsn).await;
    c.batch_execute("SET lock_timeout = '1s'").await.unwrap();
    let mut ok = 0;
    let mut slowest = Duration::ZERO;
    let mut errors = Vec::new();
    let mut id = first_id;
    while !*stop.borrow() {
        let t = Instant::now();
        let r = c
            .execute(
                "INSERT INTO accounts (id, org_id, email) VALUES ($1, 1, 'w@example.com')",
                &[&id],
            )
            .await;
        slowest = slowest.max(t.elapsed());
        match r {
            Ok(_) => ok += 1,
            Err(e) => errors.push(
                e.as_db_error()
                    .map_or(e.to_string(), |d| d.message().to_string()),
            ),
        }
        id += 1;
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    (ok, slowest, errors)
}

/// The index step while another transaction holds ROW EXCLUSIVE on the table: `CREATE INDEX
/// CONCURRENTLY` waits for that transaction, but writers keep writing meanwhile. The plain
/// `CREATE INDEX` queues for a SHARE lock behind the holder, and every writer queues behind
/// it: their lock timeouts fire.
#[test]
fn concurrent_index_build_does_not_block_writers() {
    let rt = runtime();
    for online in [true, false] {
        let db = loaded_db(if online { "cic_online" } else { "cic_plain" }, 50_000);
        let tmp = tempfile::tempdir().unwrap();
        let m = tmp.path().join("m");
        let ups = generate_upgrade(&scenario(), &m, &["--online"]);
        // The file that builds accounts_email_idx, alone. The plain contrast is the same
        // statement without CONCURRENTLY, everything else equal.
        let index_file = ups
            .iter()
            .find(|f| {
                std::fs::read_to_string(f)
                    .unwrap()
                    .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_idx")
            })
            .expect("the file building accounts_email_idx")
            .clone();
        for f in ups.iter().take_while(|f| **f != index_file) {
            apply(&db, f);
        }
        let mut sql = std::fs::read_to_string(&index_file).unwrap();
        if !online {
            sql = sql.replace("INDEX CONCURRENTLY", "INDEX");
        }
        let dsn = db.dsn.clone();
        let (ok, slowest, errors, migration_done_while_held, result) = rt.block_on(async move {
            let holder = connect(&dsn).await;
            holder
                .batch_execute("BEGIN; INSERT INTO accounts (id, org_id, email) VALUES (0, 1, 'held@example.com')")
                .await
                .unwrap();
            let mig_dsn = dsn.clone();
            let migration = tokio::spawn(async move {
                let c = connect(&mig_dsn).await;
                // Bounded so the plain path gives up instead of waiting for ever.
                c.batch_execute("SET statement_timeout = '20s'").await.unwrap();
                c.batch_execute(&sql).await.map_err(|e| {
                    e.as_db_error()
                        .map_or(e.to_string(), |d| d.message().to_string())
                })
            });
            // Let the migration reach its lock wait, then write for two seconds.
            tokio::time::sleep(Duration::from_millis(500)).await;
            let (tx, rx) = tokio::sync::watch::channel(false);
            let writer = tokio::spawn(write_for(dsn.clone(), 1_000_000, rx));
            tokio::time::sleep(Duration::from_secs(2)).await;
            tx.send(true).unwrap();
            let (ok, slowest, errors) = writer.await.unwrap();
            let done_while_held = migration.is_finished();
            holder.batch_execute("COMMIT").await.unwrap();
            let result = migration.await.unwrap();
            (ok, slowest, errors, done_while_held, result)
        });
        if online {
            assert!(
                errors.is_empty(),
                "writers failed during CREATE INDEX CONCURRENTLY: {errors:?}"
            );
            assert!(
                ok >= 20,
                "only {ok} writes went through during the concurrent build"
            );
            assert!(
                slowest < Duration::from_millis(500),
                "a write waited {slowest:?}"
            );
            // It really was waiting for the holder: the build could not finish before it.
            assert!(
                !migration_done_while_held,
                "CREATE INDEX CONCURRENTLY did not wait for the open transaction"
            );
            result.expect("the concurrent build succeeds once the holder commits");
            db.exec("SELECT 1 FROM pg_index WHERE indexrelid = 'accounts_email_idx'::regclass AND indisvalid")
                .unwrap();
            // And the rest of the online upgrade applies.
            for f in ups.iter().skip_while(|f| **f != index_file).skip(1) {
                apply(&db, f);
            }
            eprintln!("online: {ok} writes during the build, slowest {slowest:?}");
        } else {
            assert_eq!(
                ok, 0,
                "writes went through a plain CREATE INDEX waiting for its lock"
            );
            assert!(
                errors.iter().any(|e| e.contains("lock timeout")),
                "the writers' lock timeouts should have fired: {errors:?}"
            );
            eprintln!("plain: {ok} writes, {} lock timeouts", errors.len());
        }
    }
}

/// `VALIDATE CONSTRAINT` (online) runs to the end while another transaction holds ROW
/// EXCLUSIVE on the table and writers keep inserting; the plain `ADD CONSTRAINT` (which
/// validates under its own ACCESS EXCLUSIVE / SHARE ROW EXCLUSIVE lock) cannot even start: its lock
/// timeout fires.
#[test]
fn validation_runs_beside_an_open_writer() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let before = std::fs::read_to_string(scenario().join("before.sql")).unwrap();
    std::fs::write(dir.path().join("before.sql"), &before).unwrap();
    std::fs::write(
        dir.path().join("after.sql"),
        before.replace(
            "org_id bigint,",
            "org_id bigint REFERENCES orgs (id) CONSTRAINT org_positive CHECK (org_id > 0),",
        ),
    )
    .unwrap();
    // Online: step 1 adds both NOT VALID (no holder yet), step 2 validates, holder open.
    let db = loaded_db("validate_online", 200_000);
    let m = dir.path().join("online");
    let ups = generate_upgrade(dir.path(), &m, &["--online"]);
    assert_eq!(ups.len(), 2, "{ups:?}");
    apply(&db, &ups[0]);
    let validate = std::fs::read_to_string(&ups[1]).unwrap();
    assert!(validate.contains("VALIDATE CONSTRAINT"), "{validate}");
    let dsn = db.dsn.clone();
    let (ok, slowest, errors, result, took) = rt.block_on(async move {
        let holder = connect(&dsn).await;
        holder
            .batch_execute(
                "BEGIN; INSERT INTO accounts (id, org_id, email) VALUES (0, 1, 'held@example.com')",
            )
            .await
            .unwrap();
        let (tx, rx) = tokio::sync::watch::channel(false);
        let writer = tokio::spawn(write_for(dsn.clone(), 1_000_000, rx));
        let c = connect(&dsn).await;
        let t = Instant::now();
        let result = c.batch_execute(&validate).await.map_err(|e| e.to_string());
        let took = t.elapsed();
        tokio::time::sleep(Duration::from_millis(300)).await;
        tx.send(true).unwrap();
        let (ok, slowest, errors) = writer.await.unwrap();
        holder.batch_execute("COMMIT").await.unwrap();
        (ok, slowest, errors, result, took)
    });
    result.expect("VALIDATE CONSTRAINT runs while a writer holds ROW EXCLUSIVE");
    assert!(
        errors.is_empty(),
        "writers failed during VALIDATE: {errors:?}"
    );
    assert!(ok > 0, "no write went through during the validation");
    assert!(
        slowest < Duration::from_millis(500),
        "a write waited {slowest:?}"
    );
    db.exec("SELECT 1/count(*) FROM pg_constraint WHERE conname IN ('org_positive', 'accounts_org_id_fkey') AND convalidated HAVING count(*) = 2")
        .unwrap();
    eprintln!("online validate: took {took:?}, {ok} writes, slowest {slowest:?}");

    // Plain: the one file adds both constraints validating them at once; with the same
    // holder open, its lock wait hits the lock timeout.
    let plain_db = loaded_db("validate_plain", 200_000);
    let p = dir.path().join("plain");
    let ups = generate_upgrade(dir.path(), &p, &[]);
    assert_eq!(ups.len(), 1, "{ups:?}");
    let sql = std::fs::read_to_string(&ups[0])
        .unwrap()
        .replace("BEGIN;", "BEGIN;\nSET LOCAL lock_timeout = '1s';");
    let dsn = plain_db.dsn.clone();
    let result = rt.block_on(async move {
        let holder = connect(&dsn).await;
        holder
            .batch_execute(
                "BEGIN; INSERT INTO accounts (id, org_id, email) VALUES (0, 1, 'held@example.com')",
            )
            .await
            .unwrap();
        let c = connect(&dsn).await;
        let r = c.batch_execute(&sql).await.map_err(|e| {
            e.as_db_error()
                .map_or(e.to_string(), |d| d.message().to_string())
        });
        holder.batch_execute("COMMIT").await.unwrap();
        r
    });
    let e = result.expect_err("the plain ADD CONSTRAINT cannot take its lock beside the holder");
    assert!(e.contains("lock timeout"), "{e}");
}

include!(concat!(env!("OUT_DIR"), "/pairs.rs"));

/// Every fixture pair also round-trips with `--online` (offline and live, downs included),
/// one test per pair (generated by `tests/build.rs`).
macro_rules! online_tests {
    ($($test:ident => $pair:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                pair_round_trips_online($pair);
            }
        )*
    };
}

for_each_pairs!(online_tests);

fn pair_round_trips_online(name: &str) {
    pair_setup(name);
    let mut extra = pair_args(name);
    extra.push("--online".into());
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    roundtrip_dir(&pair_dir(name), &format!("{name}_online"), &extra);
}

/// Idempotent DDL is the default; `--no-idempotent` and `idempotent = false` in
/// migrator.toml write plain DDL.
#[test]
fn no_idempotent_writes_plain_ddl() {
    let text_of = |extra: &[&str], config: Option<&str>| -> String {
        let tmp = tempfile::tempdir().unwrap();
        let m = tmp.path().join("m");
        let cfg = tmp.path().join("migrator.toml");
        std::fs::write(&cfg, config.unwrap_or("")).unwrap();
        let after = scenario().join("after.sql");
        let mut args = vec!["--config", cfg.to_str().unwrap()];
        args.extend_from_slice(&[
            "generate",
            "--schema",
            after.to_str().unwrap(),
            "--migrations",
            m.to_str().unwrap(),
        ]);
        args.extend_from_slice(extra);
        migrator_ok(&args);
        migration_files(&m, "up")
            .iter()
            .chain(migration_files(&m, "down").iter())
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect()
    };
    let default = text_of(&[], None);
    assert!(
        default.contains("CREATE TABLE IF NOT EXISTS public.accounts"),
        "{default}"
    );
    assert!(
        default.contains("DROP TABLE IF EXISTS public.accounts"),
        "{default}"
    );
    for plain in [
        text_of(&[], Some("idempotent = false\n")),
        text_of(&["--no-idempotent"], None),
    ] {
        assert!(plain.contains("CREATE TABLE public.accounts"), "{plain}");
        for word in ["IF NOT EXISTS", "IF EXISTS", "$migrator$"] {
            assert!(
                !plain.contains(word),
                "{word} with idempotent off:\n{plain}"
            );
        }
    }
}

/// `--pg-version` (flag, migrator.toml, or the live server's): features the target lacks
/// are refused with the version named; the online SET NOT NULL path needs 12.
#[test]
fn pg_version_decides_version_dependent_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let s = tmp.path().join("s.sql");
    std::fs::write(
        &s,
        "CREATE TABLE t (id integer, code text, CONSTRAINT t_code_key UNIQUE NULLS NOT DISTINCT (code));\n",
    )
    .unwrap();
    let gen = |extra: &[&str]| {
        let m = tempfile::tempdir().unwrap();
        let mut args = vec![
            "generate",
            "--schema",
            s.to_str().unwrap(),
            "--migrations",
            m.path().to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let o = migrator(&args);
        (o, m)
    };
    let (o, m) = gen(&["--pg-version", "14"]);
    assert_eq!(o.code, 1, "{o:?}");
    assert!(
        o.stderr
            .contains("UNIQUE NULLS NOT DISTINCT needs PostgreSQL 15")
            && o.stderr.contains("PostgreSQL 14 (--pg-version)"),
        "{}",
        o.stderr
    );
    assert!(
        migration_files(m.path(), "up").is_empty(),
        "nothing written"
    );
    assert_eq!(gen(&["--pg-version", "15"]).0.code, 0);
    assert_eq!(gen(&[]).0.code, 0, "the default without a server is 15");
    // The live server's version (15 here) is the default with --dsn.
    let db = TestDb::new("pg_version_live");
    assert_eq!(gen(&["--dsn", &db.dsn]).0.code, 0);
    let (o, _) = gen(&["--dsn", &db.dsn, "--pg-version", "13"]);
    assert_eq!(o.code, 1, "{o:?}");
    // migrator.toml.
    let cfg = tmp.path().join("migrator.toml");
    std::fs::write(&cfg, "pg_version = 14\n").unwrap();
    let (o, _) = gen(&[]);
    assert_eq!(o.code, 0);
    let m = tempfile::tempdir().unwrap();
    let o = migrator(&[
        "--config",
        cfg.to_str().unwrap(),
        "generate",
        "--schema",
        s.to_str().unwrap(),
        "--migrations",
        m.path().to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1, "{o:?}");
    let (o, _) = gen(&["--pg-version", "9"]);
    assert_eq!(o.code, 1, "{o:?}");
    assert!(o.stderr.contains("--pg-version 9"), "{}", o.stderr);

    // Online SET NOT NULL: the validated-check path from 12 on, a plain SET NOT NULL below.
    let online = |v: &str| -> String {
        let m = tempfile::tempdir().unwrap();
        generate_upgrade(&scenario(), m.path(), &["--online", "--pg-version", v])
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect()
    };
    let v12 = online("12");
    assert!(v12.contains("CHECK (email IS NOT NULL) NOT VALID"), "{v12}");
    let v11 = online("11");
    assert!(!v11.contains("CHECK (email IS NOT NULL)"), "{v11}");
    assert!(v11.contains("ALTER COLUMN email SET NOT NULL"), "{v11}");
}

/// Squawk's lock and concurrency rules, under their names in squawk-cli 2.x.
const SQUAWK_LOCK_RULES: &[&str] = &[
    "require-concurrent-index-creation",
    "require-concurrent-index-deletion",
    "constraint-missing-not-valid",
    "adding-foreign-key-constraint",
    "adding-not-nullable-field",
    "disallowed-unique-constraint",
    "require-lock-timeout",
    "require-statement-timeout",
    "require-timeout-settings",
];

/// Squawk (an independent migration linter, `pip install squawk-cli`) on the `--online`
/// up files of the scenario: none of its lock and concurrency rules fires. A file that
/// runs alone (CONCURRENTLY) cannot carry `SET` statements — a multi-statement Exec is an
/// implicit transaction block, which CONCURRENTLY refuses — so the timeout rules are not
/// asked of those files (docs/SAFETY.md). Without squawk on PATH the test says so and
/// passes, unless MIGRATOR_REQUIRE_SQUAWK is set (CI sets it after installing squawk).
#[test]
fn squawk_finds_no_lock_violations_in_online_output() {
    let Ok(version) = std::process::Command::new("squawk")
        .arg("--version")
        .output()
    else {
        assert!(
            std::env::var_os("MIGRATOR_REQUIRE_SQUAWK").is_none(),
            "MIGRATOR_REQUIRE_SQUAWK is set but squawk is not on PATH"
        );
        eprintln!("squawk is not installed (pip install squawk-cli): lint skipped");
        return;
    };
    eprintln!("{}", String::from_utf8_lossy(&version.stdout).trim());
    let tmp = tempfile::tempdir().unwrap();
    // Squawk does not look inside DO blocks (the idempotent guards), so the plain
    // (--no-idempotent) online output is linted too: there it sees every statement.
    let mut ups = generate_upgrade(&scenario(), &tmp.path().join("m"), &["--online"]);
    ups.extend(generate_upgrade(
        &scenario(),
        &tmp.path().join("n"),
        &["--online", "--no-idempotent"],
    ));
    let mut findings = Vec::new();
    for f in &ups {
        let text = std::fs::read_to_string(f).unwrap();
        let mut cmd = std::process::Command::new("squawk");
        cmd.args(["--pg-version", "15", "--reporter", "json"]);
        if !text.contains("BEGIN;") {
            cmd.arg("--exclude=require-lock-timeout,require-statement-timeout");
        }
        let out = cmd.arg(f).output().expect("run squawk");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "squawk output is not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        });
        for v in report.as_array().cloned().unwrap_or_default() {
            let rule = v["rule_name"].as_str().unwrap_or_default().to_string();
            eprintln!(
                "{}:{}: {rule}",
                f.file_name().unwrap().to_string_lossy(),
                v["line"]
            );
            if SQUAWK_LOCK_RULES.contains(&rule.as_str()) {
                findings.push(format!("{}:{}: {rule}", f.display(), v["line"]));
            }
        }
    }
    assert!(
        findings.is_empty(),
        "squawk lock/concurrency findings:\n{}",
        findings.join("\n")
    );
    // The same linter does flag the plain output: the rules are live.
    let p = tmp.path().join("plain");
    let plain = generate_upgrade(&scenario(), &p, &["--no-idempotent"]);
    let out = std::process::Command::new("squawk")
        .args(["--pg-version", "15", "--reporter", "json"])
        .args(&plain)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for rule in [
        "require-concurrent-index-creation",
        "constraint-missing-not-valid",
    ] {
        assert!(
            text.contains(rule),
            "squawk did not flag {rule} on the plain output: {text}"
        );
    }
}
