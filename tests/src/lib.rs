//! Test support: real PostgreSQL databases, golang-migrate-style application, catalog dumps.
//!
//! The servers are started by `scripts/test`, which exports `MIGRATOR_TEST_PG_DSN` (and
//! `MIGRATOR_TEST_TSDB_DSN`). Nothing here is mocked: every database is a real one, every
//! migration file is sent as one simple-query `Exec` exactly as golang-migrate's postgres
//! driver sends it, and catalogs are compared through `pg_dump --schema-only`.

pub mod binary;
pub mod formats;
pub mod offline;
pub mod plugins;
pub mod requires;
pub mod tsdb;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The admin DSN of the test PostgreSQL 15 server.
pub fn pg_dsn() -> String {
    std::env::var("MIGRATOR_TEST_PG_DSN").unwrap_or_else(|_| {
        panic!("MIGRATOR_TEST_PG_DSN is not set: run the suite with scripts/test, which starts PostgreSQL")
    })
}

/// Replaces the database name of `dsn`.
pub fn with_database(dsn: &str, db: &str) -> String {
    let (base, query) = dsn
        .split_once('?')
        .map_or((dsn, None), |(b, q)| (b, Some(q)));
    let (server, _) = base.rsplit_once('/').expect("DSN has a database part");
    match query {
        Some(q) => format!("{server}/{db}?{q}"),
        None => format!("{server}/{db}"),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// Runs `sql` as one simple-query Exec (what golang-migrate does with a file).
pub fn exec(dsn: &str, sql: &str) -> Result<(), String> {
    runtime().block_on(async {
        let (client, conn) = tokio_postgres::connect(dsn, tokio_postgres::NoTls)
            .await
            .map_err(|e| e.to_string())?;
        let handle = tokio::spawn(conn);
        let r = client
            .batch_execute(sql)
            .await
            .map_err(|e| match e.as_db_error() {
                Some(d) => format!("{}: {}", d.severity(), d.message()),
                None => e.to_string(),
            });
        drop(client);
        let _ = handle.await;
        r
    })
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A throwaway database, dropped when the value is.
pub struct TestDb {
    pub name: String,
    pub dsn: String,
    admin: String,
}

impl TestDb {
    pub fn new(label: &str) -> TestDb {
        let admin = pg_dsn();
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let label: String = label
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .take(30)
            .collect();
        let name = format!("t_{}_{n}_{label}", std::process::id());
        exec(&admin, &format!("DROP DATABASE IF EXISTS \"{name}\"")).expect("drop database");
        exec(
            &admin,
            &format!("CREATE DATABASE \"{name}\" TEMPLATE template0"),
        )
        .expect("create database");
        TestDb {
            dsn: with_database(&admin, &name),
            name,
            admin,
        }
    }

    /// A database loaded with `sql` (may be empty).
    pub fn with_sql(label: &str, sql: &str) -> TestDb {
        TestDb::new(label).loaded(label, sql)
    }

    /// A database with exactly this name (dropped first if it exists), for a pair whose
    /// extension installs only into one database (see [`requires`]).
    pub fn named(name: &str) -> TestDb {
        let admin = pg_dsn();
        exec(
            &admin,
            &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
        )
        .expect("drop database");
        exec(
            &admin,
            &format!("CREATE DATABASE \"{name}\" TEMPLATE template0"),
        )
        .expect("create database");
        TestDb {
            dsn: with_database(&admin, name),
            name: name.to_string(),
            admin,
        }
    }

    fn loaded(self, label: &str, sql: &str) -> TestDb {
        if !sql.trim().is_empty() {
            exec(&self.dsn, sql).unwrap_or_else(|e| panic!("loading {label}: {e}"));
        }
        self
    }

    pub fn exec(&self, sql: &str) -> Result<(), String> {
        exec(&self.dsn, sql)
    }

    /// The schema as `pg_dump --schema-only` prints it, without comments, settings and
    /// blank lines: the catalog as text, for comparing two databases.
    pub fn dump(&self) -> String {
        self.dump_with(false)
    }

    /// [`Self::dump`], with `GRANT`/`REVOKE` lines when `privileges` is true.
    pub fn dump_with(&self, privileges: bool) -> String {
        let mut args = vec!["--schema-only", "--no-owner"];
        if !privileges {
            args.push("--no-privileges");
        }
        args.extend(["--dbname", &self.dsn]);
        let out = Command::new("pg_dump")
            .args(&args)
            .output()
            .expect("pg_dump runs");
        assert!(
            out.status.success(),
            "pg_dump failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        normalise_dump(&String::from_utf8_lossy(&out.stdout))
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = exec(
            &self.admin,
            &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
        );
    }
}

/// Drops what differs between two dumps of the same schema: comments, settings, blanks, and
/// column order (PostgreSQL can only append a column, so a column dropped by an up file
/// comes back last from its down file).
pub fn normalise_dump(dump: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut columns: Option<Vec<String>> = None;
    for l in dump.lines() {
        if l.starts_with("--")
            || l.starts_with("SET ")
            || l.starts_with("SELECT pg_catalog.set_config")
            || l.starts_with("\\restrict")
            || l.starts_with("\\unrestrict")
            || l.trim().is_empty()
        {
            continue;
        }
        if let Some(cols) = columns.as_mut() {
            if l.starts_with(')') {
                cols.sort();
                out.append(cols);
                columns = None;
                out.push(l.to_string());
            } else {
                cols.push(l.trim_end_matches(',').to_string());
            }
            continue;
        }
        if l.starts_with("CREATE TABLE ") && l.ends_with('(') {
            columns = Some(Vec::new());
        }
        out.push(l.to_string());
    }
    out.join("\n")
}

/// A project in one directory format, in a temporary directory: the schema file `s.sql`
/// and the migrations directory `m`.
pub struct FormatProject {
    pub tmp: tempfile::TempDir,
    pub format: &'static str,
}

impl FormatProject {
    /// An empty project.
    pub fn new(format: &'static str) -> FormatProject {
        FormatProject {
            tmp: tempfile::tempdir().unwrap(),
            format,
        }
    }

    /// The migrations directory.
    pub fn m(&self) -> PathBuf {
        self.tmp.path().join("m")
    }

    /// `migrator <args> --migrations m --dir-format <format>`.
    pub fn run(&self, args: &[&str]) -> Outcome {
        let m = self.m();
        let mut argv = args.to_vec();
        argv.extend([
            "--migrations",
            m.to_str().unwrap(),
            "--dir-format",
            self.format,
        ]);
        migrator(&argv)
    }

    /// `generate` from `schema` (written to `s.sql`) with the description `name`.
    pub fn generate(&self, schema: &str, name: &str) -> Outcome {
        let s = self.tmp.path().join("s.sql");
        std::fs::write(&s, schema).unwrap();
        self.run(&["generate", "--schema", s.to_str().unwrap(), "--name", name])
    }

    /// The names in the migrations directory, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.m())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }
}

/// The outcome of one `migrator` invocation.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the migrator command line in-process, exactly as the binary does.
///
/// `generate` runs with `--allow-destructive`: most fixtures drop something on the way, and
/// the destructive gate has tests of its own ([`migrator_exact`]).
pub fn migrator(args: &[&str]) -> Outcome {
    let mut argv: Vec<&str> = args.to_vec();
    if args.contains(&"generate") && !args.contains(&"--allow-destructive") {
        argv.push("--allow-destructive");
    }
    migrator_exact(&argv)
}

/// Runs the migrator command line in-process with exactly these arguments.
pub fn migrator_exact(args: &[&str]) -> Outcome {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut argv = vec!["migrator"];
    argv.extend_from_slice(args);
    let code = migrator_cli::run(argv, &mut out, &mut err);
    Outcome {
        code,
        stdout: String::from_utf8_lossy(&out).to_string(),
        stderr: String::from_utf8_lossy(&err).to_string(),
    }
}

/// Like [`migrator`], but panics unless it succeeds.
pub fn migrator_ok(args: &[&str]) -> Outcome {
    let o = migrator(args);
    assert_eq!(
        o.code, 0,
        "migrator {args:?} failed:\n{}{}",
        o.stdout, o.stderr
    );
    o
}

/// The migration files of `dir` for one direction, in version order (descending for down).
pub fn migration_files(dir: &Path, direction: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    let suffix = format!(".{direction}.sql");
    files.retain(|p| p.to_string_lossy().ends_with(&suffix));
    files.sort();
    if direction == "down" {
        files.reverse();
    }
    files
}

/// Applies one migration file as golang-migrate does: the whole file, one Exec.
pub fn apply(db: &TestDb, file: &Path) {
    let sql = std::fs::read_to_string(file).expect("read migration");
    db.exec(&sql).unwrap_or_else(|e| {
        panic!(
            "applying {} failed: {e}\n--- file ---\n{sql}",
            file.display()
        )
    });
}

/// The root of the repository (for fixtures).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repo root")
        .to_path_buf()
}

/// The `before.sql`/`after.sql` pair of a fixture directory under `tests/pairs/`.
pub fn pair_dir(name: &str) -> PathBuf {
    repo_root().join("tests/pairs").join(name)
}

/// Asserts two dumps are equal, printing a line diff when they are not.
pub fn assert_same_catalog(actual: &str, expected: &str, what: &str) {
    if actual == expected {
        return;
    }
    let a: Vec<&str> = actual.lines().collect();
    let e: Vec<&str> = expected.lines().collect();
    let mut report = String::new();
    for l in &e {
        if !a.contains(l) {
            report.push_str(&format!("- {l}\n"));
        }
    }
    for l in &a {
        if !e.contains(l) {
            report.push_str(&format!("+ {l}\n"));
        }
    }
    if report.is_empty() {
        report = "(same lines, different order)".into();
    }
    panic!("{what}: catalogs differ (- expected, + actual):\n{report}");
}

/// The extra arguments of a fixture pair (its `args` file, e.g. `--with-privileges`),
/// passed to every generate.
pub fn pair_args(name: &str) -> Vec<String> {
    std::fs::read_to_string(pair_dir(name).join("args"))
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Runs a pair's `setup.sql` (cluster-wide objects such as roles; must be idempotent) on
/// the server, once per pair and process.
pub fn pair_setup(name: &str) {
    if let Ok(sql) = std::fs::read_to_string(pair_dir(name).join("setup.sql")) {
        exec(&pg_dsn(), &sql).unwrap_or_else(|e| panic!("{name}/setup.sql: {e}"));
    }
}

/// The full round trip of one fixture pair, offline and live. See tests/roundtrip.rs.
pub fn roundtrip(name: &str) {
    pair_setup(name);
    let extra = pair_args(name);
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    roundtrip_dir(&pair_dir(name), name, &extra);
}

/// [`roundtrip`] of the pair in `dir`, with `extra` arguments (e.g. `--online`, or the
/// pair's `args`) passed to every `generate`. A pair with a `requires` file runs only on a
/// server that meets it ([`requires`]); its databases exist one at a time.
pub fn roundtrip_dir(dir: &Path, name: &str, extra: &[&str]) {
    let requirements = requires::of(dir);
    if !requirements.met(name) {
        return;
    }
    let database = requirements.database();
    let before_path = dir.join("before.sql");
    let after_path = dir.join("after.sql");
    let before_sql = std::fs::read_to_string(&before_path).unwrap_or_default();
    let after_sql = std::fs::read_to_string(&after_path).expect("after.sql");
    let privileges = extra.contains(&"--with-privileges");
    let db = |label: &str| new_db(&database, &format!("{name}_{label}"));
    // One statement each: each reference database is dropped before the next is made.
    let empty = db("empty").dump_with(privileges);
    let want_before = db("refb").loaded(name, &before_sql).dump_with(privileges);
    let want_after = db("refa").loaded(name, &after_sql).dump_with(privileges);
    let pair = Pair {
        name,
        extra,
        privileges,
        // Idempotent DDL (the default): every up file is applied twice; the second Exec
        // must succeed and leave the catalog as the first one did.
        twice: !extra.contains(&"--no-idempotent"),
        before: before_path.to_str().unwrap().to_string(),
        after: after_path.to_str().unwrap().to_string(),
        empty,
        want_before,
        want_after,
        before_sql,
        database,
    };
    pair.offline();
    pair.live();
}

/// One fixture pair being round-tripped: its files, options and reference catalogs.
struct Pair<'a> {
    name: &'a str,
    extra: &'a [&'a str],
    privileges: bool,
    twice: bool,
    before: String,
    after: String,
    before_sql: String,
    empty: String,
    want_before: String,
    want_after: String,
    /// The one database name every database of the pair takes, if its `requires` says so.
    database: Option<String>,
}

/// A fresh database: `fixed` when a pair's requirements name one, else a new name.
fn new_db(fixed: &Option<String>, label: &str) -> TestDb {
    match fixed {
        Some(name) => TestDb::named(name),
        None => TestDb::new(label),
    }
}

impl Pair<'_> {
    fn migrator_ok(&self, args: &[&str]) -> Outcome {
        let mut all = args.to_vec();
        all.extend_from_slice(self.extra);
        migrator_ok(&all)
    }

    fn apply_up(&self, db: &TestDb, f: &Path) {
        apply(db, f);
        if self.twice {
            let first = db.dump_with(self.privileges);
            apply(db, f);
            assert_same_catalog(
                &db.dump_with(self.privileges),
                &first,
                &format!("{}: {} applied a second time", self.name, f.display()),
            );
        }
    }

    fn assert_catalog(&self, db: &TestDb, want: &str, what: &str) {
        assert_same_catalog(
            &db.dump_with(self.privileges),
            want,
            &format!("{}: {what}", self.name),
        );
    }

    fn assert_no_changes(&self, args: &[&str], what: &str) {
        let again = self.migrator_ok(args);
        assert_eq!(again.stdout.trim(), "no changes", "{}: {what}", self.name);
    }

    /// Offline: initial migration from before.sql, upgrade by replaying it, apply both,
    /// converge, then every down back to empty.
    fn offline(&self) {
        let name = self.name;
        let (before, after) = (self.before.as_str(), self.after.as_str());
        let tmp = tempfile::tempdir().unwrap();
        let m = tmp.path().join("migrations");
        let ms = m.to_str().unwrap();
        if !self.before_sql.trim().is_empty() {
            self.migrator_ok(&["generate", "--schema", before, "--migrations", ms]);
        }
        let initial: Vec<PathBuf> = migration_files(&m, "up");
        let o = self.migrator_ok(&[
            "generate",
            "--schema",
            after,
            "--migrations",
            ms,
            "--name",
            "upgrade",
        ]);
        assert!(
            o.stdout.contains("wrote"),
            "offline upgrade wrote nothing: {}",
            o.stdout
        );
        let db = new_db(&self.database, &format!("{name}_off"));
        for f in &initial {
            self.apply_up(&db, f);
        }
        self.assert_catalog(&db, &self.want_before, "offline initial migration");
        for f in migration_files(&m, "up")
            .iter()
            .filter(|f| !initial.contains(f))
        {
            self.apply_up(&db, f);
        }
        self.assert_catalog(&db, &self.want_after, "offline upgrade");
        self.assert_no_changes(
            &["generate", "--schema", after, "--migrations", ms],
            "second offline generate",
        );
        self.assert_no_changes(
            &[
                "generate",
                "--schema",
                after,
                "--migrations",
                ms,
                "--dsn",
                &db.dsn,
            ],
            "live generate after the offline upgrade",
        );
        let initial_downs: Vec<PathBuf> = initial.iter().map(|p| down_of(p)).collect();
        let downs = migration_files(&m, "down");
        for f in downs.iter().filter(|f| !initial_downs.contains(f)) {
            apply(&db, f);
        }
        self.assert_catalog(&db, &self.want_before, "offline downgrade");
        for f in downs.iter().filter(|f| initial_downs.contains(f)) {
            apply(&db, f);
        }
        self.assert_catalog(&db, &self.empty, "offline downgrade to empty");
    }

    /// Live: the current schema comes from the database itself.
    fn live(&self) {
        let live = new_db(&self.database, &format!("{}_live", self.name))
            .loaded(self.name, &self.before_sql);
        let tmp = tempfile::tempdir().unwrap();
        let n = tmp.path().join("migrations");
        let ns = n.to_str().unwrap();
        let generate = [
            "generate",
            "--schema",
            &self.after,
            "--migrations",
            ns,
            "--dsn",
            &live.dsn,
        ];
        self.migrator_ok(&generate);
        for f in migration_files(&n, "up") {
            self.apply_up(&live, &f);
        }
        self.assert_catalog(&live, &self.want_after, "live upgrade");
        self.assert_no_changes(&generate, "second live generate");
        for f in migration_files(&n, "down") {
            apply(&live, &f);
        }
        self.assert_catalog(&live, &self.want_before, "live downgrade");
    }
}

fn down_of(up: &Path) -> PathBuf {
    PathBuf::from(up.to_string_lossy().replace(".up.sql", ".down.sql"))
}

/// The DSN of the test TimescaleDB server (PostgreSQL 17 with TimescaleDB).
pub fn tsdb_dsn() -> String {
    std::env::var("MIGRATOR_TEST_TSDB_DSN").unwrap_or_else(|_| {
        panic!("MIGRATOR_TEST_TSDB_DSN is not set: run the suite with scripts/test, which starts TimescaleDB")
    })
}
