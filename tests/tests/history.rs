//! `migrator status`, `migrator baseline` and `migrator squash` end to end against the real
//! PostgreSQL 15 (issue 15): each migration tool's bookkeeping table as the tool writes
//! it, a dirty golang-migrate version, pending files, drift; a baseline that `validate`
//! and `verify` accept; a squash in every directory format, and its refusal.

use migrator_tests::*;

const FORMATS: [&str; 4] = ["golang-migrate", "goose", "dbmate", "flyway"];

const V1: &str = "CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE t (id int PRIMARY KEY);\n";
const V2: &str = "CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE t (id int PRIMARY KEY, c int);\n";
const V3: &str = "CREATE TYPE mood AS ENUM ('a', 'b');\n\
                  CREATE TABLE t (id int PRIMARY KEY, c int);\n\
                  CREATE TABLE u (id int REFERENCES t (id), m mood);\n";

/// A project in `format` with one migration per schema.
fn with(format: &'static str, schemas: &[&str]) -> FormatProject {
    let p = FormatProject::new(format);
    for (i, s) in schemas.iter().enumerate() {
        let o = p.generate(s, &format!("v{}", i + 1));
        assert_eq!(o.code, 0, "{o:?}");
    }
    p
}

fn status(p: &FormatProject, db: &TestDb) -> Outcome {
    p.run(&["status", "--dsn", &db.dsn])
}

/// `verify` on a scratch database reaches `schema` and comes back down to empty.
fn verifies(p: &FormatProject, schema: &str, label: &str) {
    let s = p.tmp.path().join("s.sql");
    std::fs::write(&s, schema).unwrap();
    let scratch = TestDb::new(label);
    let o = p.run(&[
        "verify",
        "--dsn",
        &scratch.dsn,
        "--schema",
        s.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 0, "{o:?}");
}

fn validate_ok(p: &FormatProject) {
    let o = p.run(&["validate"]);
    assert_eq!(o.code, 0, "{}: {o:?}", p.format);
}

/// golang-migrate's own table, at `version`.
fn golang_migrate_at(db: &TestDb, version: u64, dirty: bool) {
    db.exec(&format!(
        "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean \
         NOT NULL); INSERT INTO schema_migrations VALUES ({version}, {dirty});"
    ))
    .unwrap();
}

#[test]
fn status_reports_a_dirty_golang_migrate_version_and_what_it_left_undone() {
    let p = with("golang-migrate", &[V1, V2]);
    // Version 2 failed before adding its column: golang-migrate left it dirty.
    let db = TestDb::with_sql("status_dirty", V1);
    golang_migrate_at(&db, 2, true);
    let o = status(&p, &db);
    assert_eq!(o.code, 1, "{o:?}");
    assert!(o.stdout.contains("applied: version 2"), "{}", o.stdout);
    assert!(
        o.stdout.contains("dirty: version 2 failed part-way")
            && o.stdout.contains("migrate force 2")
            && o.stdout.contains("migrate force 1"),
        "{}",
        o.stdout
    );
    assert!(!o.stdout.contains("pending:"), "{}", o.stdout);
    assert!(
        o.stdout.contains("drift:") && o.stdout.contains("ADD COLUMN c integer"),
        "{}",
        o.stdout
    );
    assert!(!o.stdout.contains(&db.dsn) && !o.stderr.contains(&db.dsn));
}

#[test]
fn status_reports_pending_files_and_a_clean_database_exits_0() {
    let p = with("golang-migrate", &[V1, V2]);
    let db = TestDb::with_sql("status_pending", V1);
    golang_migrate_at(&db, 1, false);
    let o = status(&p, &db);
    assert_eq!(o.code, 2, "{o:?}");
    assert!(o.stdout.contains("applied: version 1"), "{}", o.stdout);
    assert!(
        o.stdout.contains("pending: ") && o.stdout.contains("000002_v2.up.sql"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("no drift"), "{}", o.stdout);
    // Once the second version ran, the database is where the files say.
    db.exec("ALTER TABLE t ADD COLUMN c int; UPDATE schema_migrations SET version = 2")
        .unwrap();
    let o = status(&p, &db);
    assert_eq!(o.code, 0, "{o:?}");
    assert!(
        o.stdout.contains("applied: version 2") && o.stdout.contains("no drift"),
        "{}",
        o.stdout
    );
}

#[test]
fn status_reports_drift_as_the_statements_that_bring_the_database_back() {
    let p = with("golang-migrate", &[V1, V2]);
    let db = TestDb::with_sql("status_drift", V2);
    golang_migrate_at(&db, 2, false);
    db.exec("ALTER TABLE t ADD COLUMN hotfix text; CREATE INDEX t_c ON t (c);")
        .unwrap();
    let o = status(&p, &db);
    assert_eq!(o.code, 1, "{o:?}");
    assert!(
        o.stdout.contains("drift:")
            && o.stdout.contains("DROP COLUMN hotfix")
            && o.stdout.contains("DROP INDEX"),
        "{}",
        o.stdout
    );
    // The bookkeeping table is the tool's, not drift.
    assert!(!o.stdout.contains("DROP TABLE"), "{}", o.stdout);
}

#[test]
fn status_without_a_bookkeeping_table_has_nothing_applied() {
    let p = with("golang-migrate", &[V1, V2]);
    let db = TestDb::new("status_no_table");
    let o = status(&p, &db);
    assert_eq!(o.code, 2, "{o:?}");
    assert!(
        o.stdout.contains(
            "no schema_migrations table (golang-migrate bookkeeping): nothing applied yet"
        ),
        "{}",
        o.stdout
    );
    assert_eq!(o.stdout.matches("pending: ").count(), 2, "{}", o.stdout);
    assert!(o.stdout.contains("no drift"), "{}", o.stdout);
}

#[test]
fn status_reports_an_applied_version_without_its_file() {
    let p = with("dbmate", &[V1]);
    let db = TestDb::with_sql("status_missing", V1);
    db.exec(
        "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);\
         INSERT INTO schema_migrations VALUES ('000001'), ('000007');",
    )
    .unwrap();
    let o = status(&p, &db);
    assert_eq!(o.code, 1, "{o:?}");
    assert!(
        o.stdout
            .contains("missing: version 7 is applied but has no file"),
        "{}",
        o.stdout
    );
}

#[test]
fn status_reads_goose_dbmate_and_flyway_tables_as_their_tools_write_them() {
    // goose: a row per run, the newest row of a version decides (2 was applied, then
    // rolled back); its serial id's sequence is the tool's, not drift.
    let p = with("goose", &[V1, V2]);
    let db = TestDb::with_sql("status_goose", V1);
    db.exec(
        "CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, \
         is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());\
         INSERT INTO goose_db_version (version_id, is_applied) VALUES \
         (0, true), (1, true), (2, true), (2, false);",
    )
    .unwrap();
    let o = status(&p, &db);
    assert_eq!(o.code, 2, "{o:?}");
    assert!(
        o.stdout.contains("applied: version 1")
            && o.stdout.contains("pending: ")
            && o.stdout.contains("00002_v2.sql")
            && o.stdout.contains("no drift"),
        "{}",
        o.stdout
    );

    let p = with("dbmate", &[V1, V2]);
    let db = TestDb::with_sql("status_dbmate", V2);
    db.exec(
        "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);\
         INSERT INTO schema_migrations VALUES ('000001'), ('000002');",
    )
    .unwrap();
    let o = status(&p, &db);
    assert_eq!(o.code, 0, "{o:?}");
    assert!(o.stdout.contains("applied: version 2"), "{}", o.stdout);

    // Flyway: version 2 failed (success = false), so the database is in between.
    let p = with("flyway", &[V1, V2]);
    let db = TestDb::with_sql("status_flyway", V1);
    db.exec(
        "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version \
         varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL, script \
         varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL, \
         installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, success \
         boolean NOT NULL);\
         INSERT INTO flyway_schema_history (installed_rank, version, description, type, \
         script, checksum, installed_by, execution_time, success) VALUES \
         (1, '1', 'v1', 'SQL', 'V1__v1.sql', 1, 'me', 5, true), \
         (2, '2', 'v2', 'SQL', 'V2__v2.sql', 2, 'me', 5, false);",
    )
    .unwrap();
    let o = status(&p, &db);
    assert_eq!(o.code, 1, "{o:?}");
    assert!(
        o.stdout.contains("applied: version 1")
            && o.stdout.contains("dirty: version 2 failed part-way")
            && o.stdout.contains("flyway repair")
            && o.stdout.contains("pending: ")
            && o.stdout.contains("V2__v2.sql"),
        "{}",
        o.stdout
    );
}

#[test]
fn status_reports_a_database_error_with_its_sqlstate() {
    let p = with("goose", &[V1]);
    let db = TestDb::new("status_bad_table");
    db.exec("CREATE TABLE goose_db_version (id int, version_id bigint)")
        .unwrap();
    let o = status(&p, &db);
    assert_eq!(o.code, 1, "{o:?}");
    assert!(
        o.stderr.contains("is_applied") && o.stderr.contains("SQLSTATE: 42703"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains(&db.dsn), "{}", o.stderr);
}

#[test]
fn baseline_writes_version_1_that_validate_verify_and_status_accept() {
    let live = TestDb::with_sql("baseline_live", V3);
    let p = FormatProject::new("golang-migrate");
    let o = p.run(&["baseline", "--dsn", &live.dsn]);
    assert_eq!(o.code, 0, "{o:?}");
    assert_eq!(
        p.names(),
        [
            "000001_baseline.down.sql",
            "000001_baseline.up.sql",
            "migrator.sum"
        ]
    );
    assert!(o.stdout.contains("force 1"), "{}", o.stdout);
    validate_ok(&p);
    verifies(&p, V3, "baseline_scratch");
    // Marked applied as the message says, the live database is where the files say.
    golang_migrate_at(&live, 1, false);
    let o = status(&p, &live);
    assert_eq!(o.code, 0, "{o:?}");
    // A directory with migrations is refused, and left as it was.
    let o = p.run(&["baseline", "--dsn", &live.dsn]);
    assert_eq!(o.code, 1, "{o:?}");
    assert!(o.stderr.contains("already has migrations"), "{}", o.stderr);
    assert_eq!(p.names().len(), 3);
}

#[test]
fn baseline_writes_each_format_and_leaves_the_bookkeeping_table_out() {
    for format in FORMATS {
        let live = TestDb::with_sql(&format!("baseline_{format}"), V3);
        let tool_table = format == "golang-migrate" || format == "dbmate";
        if tool_table {
            golang_migrate_at(&live, 9, false);
        }
        let p = FormatProject::new(format);
        let o = p.run(&["baseline", "--dsn", &live.dsn]);
        assert_eq!(o.code, 0, "{format}: {o:?}");
        validate_ok(&p);
        let all: String = p
            .names()
            .iter()
            .map(|n| std::fs::read_to_string(p.m().join(n)).unwrap())
            .collect();
        assert!(
            all.contains("CREATE TABLE") && !(tool_table && all.contains("schema_migrations")),
            "{format}: {all}"
        );
        let o = p.generate(V3, "again");
        assert!(o.stdout.contains("no changes"), "{format}: {o:?}");
    }
}

#[test]
fn baseline_and_squash_write_as_migrator_toml_says() {
    let live = TestDb::with_sql("baseline_toml", V3);
    let p = FormatProject::new("golang-migrate");
    let config = p.tmp.path().join("migrator.toml");
    let config = config.to_str().unwrap();
    let up = |p: &FormatProject| {
        p.names()
            .iter()
            .filter(|n| n.ends_with(".up.sql"))
            .map(|n| std::fs::read_to_string(p.m().join(n)).unwrap())
            .collect::<String>()
    };
    // Re-runnable by default, as generate writes.
    std::fs::write(config, "").unwrap();
    let o = p.run(&["--config", config, "baseline", "--dsn", &live.dsn]);
    assert_eq!(o.code, 0, "{o:?}");
    assert!(up(&p).contains("IF NOT EXISTS"), "{}", up(&p));
    // `idempotent = false` is honoured by baseline and by squash.
    let p = FormatProject::new("golang-migrate");
    std::fs::write(config, "idempotent = false\n").unwrap();
    let o = p.run(&["--config", config, "baseline", "--dsn", &live.dsn]);
    assert_eq!(o.code, 0, "{o:?}");
    assert!(!up(&p).contains("IF NOT EXISTS"), "{}", up(&p));
    let p = with("golang-migrate", &[V1, V2]);
    let squash = [
        "--config",
        config,
        "squash",
        "--to",
        "2",
        "--not-applied-anywhere",
    ];
    let o = p.run(&squash);
    assert_eq!(o.code, 0, "{o:?}");
    assert!(!up(&p).contains("IF NOT EXISTS"), "{}", up(&p));
}

#[test]
fn squash_is_refused_without_the_flag_and_says_why() {
    let p = with("golang-migrate", &[V1, V2, V3]);
    let before = p.names();
    let o = p.run(&["squash", "--to", "2"]);
    assert_eq!(o.code, 1, "{o:?}");
    assert!(
        o.stderr.contains("refusing to squash versions 1..2")
            && o.stderr.contains("--not-applied-anywhere")
            && o.stderr.contains("on top of the objects it already has"),
        "{}",
        o.stderr
    );
    assert_eq!(p.names(), before);
    let o = p.run(&["squash", "--to", "5", "--not-applied-anywhere"]);
    assert!(o.code == 1 && o.stderr.contains("no version 5"), "{o:?}");
    let o = p.run(&["squash", "--to", "1", "--not-applied-anywhere"]);
    assert!(
        o.code == 1 && o.stderr.contains("nothing to squash"),
        "{o:?}"
    );
}

#[test]
fn squash_replaces_the_first_versions_in_every_format() {
    for format in FORMATS {
        let p = with(format, &[V1, V2, V3]);
        let o = p.run(&["squash", "--to", "2", "--not-applied-anywhere"]);
        assert_eq!(o.code, 0, "{format}: {o:?}");
        let names = p.names();
        assert!(
            names
                .iter()
                .any(|n| n.contains("2_squashed_to_2") || n.contains("2__squashed_to_2")),
            "{format}: {names:?}"
        );
        assert!(
            !names.iter().any(|n| n.contains("v1") || n.contains("v2")),
            "{format}: {names:?}"
        );
        assert!(
            names.iter().any(|n| n.contains("v3")),
            "{format}: {names:?}"
        );
        validate_ok(&p);
        // The squash equals the replay it replaced: nothing left to generate.
        let o = p.generate(V3, "again");
        assert!(o.stdout.contains("no changes"), "{format}: {o:?}");
    }
    // Flyway's `.conf` settings files go with their scripts.
    let p = with("flyway", &[V1, V2, V3]);
    assert!(
        p.names().iter().any(|n| n.ends_with(".conf")),
        "{:?}",
        p.names()
    );
    let o = p.run(&["squash", "--to", "4", "--not-applied-anywhere"]);
    assert_eq!(o.code, 0, "{o:?}");
    assert_eq!(
        p.names(),
        [
            "U4__squashed_to_4.sql",
            "V4__squashed_to_4.sql",
            "migrator.sum"
        ]
    );
    validate_ok(&p);
    // And it runs: up to the desired schema, down to empty. (V3 is two versions, 3 and 4:
    // its enum value is added outside a transaction.)
    let p = with("golang-migrate", &[V1, V2, V3]);
    let o = p.run(&["squash", "--to", "4", "--not-applied-anywhere"]);
    assert_eq!(o.code, 0, "{o:?}");
    assert_eq!(
        p.names(),
        [
            "000004_squashed_to_4.down.sql",
            "000004_squashed_to_4.up.sql",
            "migrator.sum"
        ]
    );
    verifies(&p, V3, "squash_scratch");
}
