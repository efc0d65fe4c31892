//! Filters (`--include`, `--exclude`, `--schemas`, and the same in migrator.toml) against
//! the real PostgreSQL 15: objects a project does not own (pg_partman's partitions and
//! template, another team's schema) are never created, altered or dropped, on either side,
//! and the generated files apply and round-trip.
//!
//! The pg_partman test needs Debian's `postgresql-15-partman` on the test server.

use migrator_tests::*;
use std::path::{Path, PathBuf};

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A desired-schema file `name` in `dir`.
fn schema_file(dir: &Path, name: &str, sql: &str) -> PathBuf {
    let path = dir.join(name);
    write(&path, sql);
    path
}

/// `args` followed by each `--flag value` of `flags`.
fn with_flags<'a>(args: &[&'a str], flag: &'a str, values: &[&'a str]) -> Vec<&'a str> {
    let mut out = args.to_vec();
    for v in values {
        out.extend([flag, v]);
    }
    out
}

/// Applies every file of `m` in `direction`, in order.
fn apply_all(db: &TestDb, m: &Path, direction: &str) -> usize {
    let files = migration_files(m, direction);
    for f in &files {
        apply(db, f);
    }
    files.len()
}

const PARTMAN_SETUP: &str = "
CREATE SCHEMA partman;
CREATE EXTENSION pg_partman SCHEMA partman;
";

const EVENTS: &str = "
CREATE TABLE public.events (
    id bigint NOT NULL,
    at timestamptz NOT NULL,
    payload text
) PARTITION BY RANGE (at);
";

const CREATE_PARENT: &str =
    "SELECT partman.create_parent('public.events', 'at', 'native', 'daily');";

/// pg_partman's partitions, its default partition and its template table.
const PARTMAN_EXCLUDES: &[&str] = &["public.events_p*", "public.events_default", "partman.*"];

/// pg_partman 4.7 `create_parent(…, 'daily')` makes partitions and a template table. With
/// the desired SQL holding only the parent, generate wants to drop them all, and the gate
/// refuses; with the recipe's excludes it finds nothing to do, and a later change to the
/// parent applies, reaches the desired catalog and goes back down.
#[test]
fn pg_partman_partitions_and_template_are_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let db = TestDb::with_sql(
        "partman",
        &format!("{PARTMAN_SETUP}{EVENTS}{CREATE_PARENT}"),
    );
    let m = tmp.path().join("m");
    let ms = m.to_str().unwrap();

    // Only the parent, as the issue tried it: the gate lists the partitions and template.
    let only_parent = schema_file(tmp.path(), "only_parent.sql", EVENTS);
    let base = [
        "generate",
        "--schema",
        only_parent.to_str().unwrap(),
        "--dsn",
        &db.dsn,
        "--migrations",
        ms,
    ];
    let o = migrator_exact(&base);
    assert_eq!(o.code, 3, "{}{}", o.stdout, o.stderr);
    for dropped in [
        "drop_events_default",
        "drop_template_public_events",
        "drop_schema_partman",
    ] {
        assert!(o.stderr.contains(dropped), "{dropped}: {}", o.stderr);
    }
    let partitions = o.stderr.matches("drop_events_p").count();
    assert!(
        partitions >= 5,
        "partman made daily partitions: {}",
        o.stderr
    );
    assert!(!m.exists(), "nothing written");

    // The same with the partman objects and the schema and extension excluded.
    let mut excludes = PARTMAN_EXCLUDES.to_vec();
    excludes.extend(["schema:partman", "extension:pg_partman"]);
    let o = migrator_exact(&with_flags(&base, "--exclude", &excludes));
    assert_eq!((o.code, o.stdout.trim()), (0, "no changes"), "{}", o.stderr);

    // The recipe: the project owns the schema, the extension and the parent; partman owns
    // the rest.
    let desired = format!("{PARTMAN_SETUP}{EVENTS}");
    let recipe = schema_file(tmp.path(), "recipe.sql", &desired);
    let recipe_args = |schema: &Path| {
        vec![
            "generate".to_string(),
            "--schema".into(),
            schema.to_str().unwrap().into(),
            "--dsn".into(),
            db.dsn.clone(),
            "--migrations".into(),
            ms.into(),
        ]
    };
    let run = |schema: &Path| {
        let mut args = recipe_args(schema);
        for e in PARTMAN_EXCLUDES {
            args.extend(["--exclude".to_string(), e.to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        migrator_exact(&args)
    };
    let o = run(&recipe);
    assert_eq!((o.code, o.stdout.trim()), (0, "no changes"), "{}", o.stderr);

    // A change to the parent: a column and an index, which PostgreSQL gives every partition.
    // The index's name starts like the partitions' (`events_p…`): patterns without a kind
    // do not match indexes, so it is managed.
    let before = db.dump();
    let changed = schema_file(
        tmp.path(),
        "changed.sql",
        &format!("{desired}ALTER TABLE public.events ADD COLUMN source text;\nCREATE INDEX events_payload_idx ON public.events (payload);\n"),
    );
    let o = run(&changed);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    let up: String = migration_files(&m, "up")
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(
        up.contains("ADD COLUMN") && up.contains("events_payload_idx"),
        "{up}"
    );
    for partman_s in ["events_p2", "events_default", "template"] {
        assert!(!up.contains(partman_s), "{partman_s}: {up}");
    }
    apply_all(&db, &m, "up");
    let o = run(&changed);
    assert_eq!((o.code, o.stdout.trim()), (0, "no changes"), "{}", o.stderr);
    let reference = TestDb::with_sql(
        "partman_ref",
        &format!(
            "{PARTMAN_SETUP}{EVENTS}{CREATE_PARENT}\
             ALTER TABLE public.events ADD COLUMN source text;\n\
             CREATE INDEX events_payload_idx ON public.events (payload);\n"
        ),
    );
    assert_same_catalog(&db.dump(), &reference.dump(), "partman: after the up file");
    apply_all(&db, &m, "down");
    assert_same_catalog(&db.dump(), &before, "partman: after the down file");
}

/// Team B's schema, which app's tables refer to.
const TEAM_B: &str = "
CREATE SCHEMA team_b;
CREATE TABLE team_b.customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE FUNCTION team_b.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER customers_touch BEFORE UPDATE ON team_b.customers
    FOR EACH ROW EXECUTE FUNCTION team_b.touch();
CREATE VIEW team_b.named AS SELECT id, name FROM team_b.customers;
CREATE TABLE public.legacy (id integer);
";

/// The app's schema: a foreign key into team B's table and a view reading it.
const APP: &str = "
CREATE SCHEMA app;
CREATE TABLE app.orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES team_b.customers (id),
    total numeric(10,2) NOT NULL
);
CREATE INDEX orders_customer_idx ON app.orders (customer_id);
CREATE VIEW app.order_names AS
    SELECT o.id, c.name FROM app.orders o JOIN team_b.customers c ON c.id = o.customer_id;
";

/// A database shared by two teams: with `schemas = ["app"]`, team B's objects (and the
/// table in `public`) are neither dropped nor changed, and the foreign key and the view
/// that reach into team B's schema are created, apply, converge and go back down.
#[test]
fn another_teams_schema_is_untouched_and_a_foreign_key_into_it_works() {
    let tmp = tempfile::tempdir().unwrap();
    let db = TestDb::with_sql("multi_team", TEAM_B);
    let before = db.dump();
    let app = schema_file(tmp.path(), "app.sql", APP);
    let m = tmp.path().join("m");
    let base = [
        "generate",
        "--schema",
        app.to_str().unwrap(),
        "--dsn",
        &db.dsn,
        "--migrations",
        m.to_str().unwrap(),
    ];
    // Without filters the files are the whole database: the foreign key's target is
    // defined nowhere, which the load-time check refuses before anything is planned.
    let o = migrator_exact(&base);
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains("app.sql:3: foreign key orders_customer_id_fkey on app.orders references team_b.customers, which is not defined in these files"),
        "{}",
        o.stderr
    );
    assert!(!m.exists(), "nothing written");

    let filtered = with_flags(&base, "--schemas", &["app"]);
    migrator_ok(&filtered);
    let up: String = migration_files(&m, "up")
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(up.contains("REFERENCES team_b.customers"), "{up}");
    assert!(!up.contains("DROP"), "{up}");
    apply_all(&db, &m, "up");
    let o = migrator_ok(&filtered);
    assert_eq!(o.stdout.trim(), "no changes");
    let reference = TestDb::with_sql("multi_team_ref", &format!("{TEAM_B}{APP}"));
    assert_same_catalog(&db.dump(), &reference.dump(), "multi-team: after up");
    apply_all(&db, &m, "down");
    assert_same_catalog(&db.dump(), &before, "multi-team: after down");

    // `verify` with the same filter: team B's objects on the scratch database are not the
    // app's, so it counts as empty, and the app's migrations prove out on it.
    let scratch = TestDb::with_sql("multi_team_verify", TEAM_B);
    let verify = [
        "verify",
        "--dsn",
        &scratch.dsn,
        "--schema",
        app.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ];
    let o = migrator(&verify);
    assert_eq!(o.code, 1, "unfiltered, the database is not empty");
    assert!(
        o.stderr.contains("needs an empty scratch database"),
        "{}",
        o.stderr
    );
    let o = migrator_ok(&with_flags(&verify, "--schemas", &["app"]));
    assert!(o.stdout.contains("verified 1 migrations"), "{}", o.stdout);
}

const AUDITED: &str = "
CREATE TABLE public.audit_log (id integer);
CREATE TABLE public.audit_old (id integer);
CREATE VIEW public.audit_summary AS SELECT count(*) AS n FROM public.audit_log;
CREATE FUNCTION public.pg_helper() RETURNS integer LANGUAGE sql AS 'SELECT 1';
";

/// Per-kind patterns match only their kind (`table:audit_*` leaves the view named
/// `audit_summary` managed), and a negated exclude takes one table back.
#[test]
fn per_kind_patterns_and_negation() {
    let tmp = tempfile::tempdir().unwrap();
    let db = TestDb::with_sql("per_kind", AUDITED);
    let desired = schema_file(
        tmp.path(),
        "s.sql",
        "CREATE TABLE public.users (id bigint PRIMARY KEY);\n\
         CREATE TABLE public.audit_new (id integer);\n",
    );
    let m = tmp.path().join("m");
    let args = with_flags(
        &[
            "generate",
            "--schema",
            desired.to_str().unwrap(),
            "--dsn",
            &db.dsn,
            "--migrations",
            m.to_str().unwrap(),
            "--allow-destructive",
        ],
        "--exclude",
        &["table:audit_*", "function:pg_*", "!table:audit_old"],
    );
    migrator_ok(&args);
    let up: String = migration_files(&m, "up")
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(up.contains("DROP TABLE IF EXISTS public.audit_old"), "{up}");
    assert!(
        up.contains("DROP VIEW IF EXISTS public.audit_summary"),
        "{up}"
    );
    assert!(!up.contains("TABLE IF EXISTS public.audit_log"), "{up}");
    assert!(!up.contains("pg_helper"), "{up}");
    assert!(
        !up.contains("audit_new"),
        "excluded in the files: never created: {up}"
    );
    let before = db.dump();
    apply_all(&db, &m, "up");
    let o = migrator_ok(&args);
    assert_eq!(o.stdout.trim(), "no changes");
    let reference = TestDb::with_sql(
        "per_kind_ref",
        "CREATE TABLE public.audit_log (id integer);
         CREATE FUNCTION public.pg_helper() RETURNS integer LANGUAGE sql AS 'SELECT 1';
         CREATE TABLE public.users (id bigint PRIMARY KEY);",
    );
    assert_same_catalog(&db.dump(), &reference.dump(), "per-kind: after up");
    apply_all(&db, &m, "down");
    assert_same_catalog(&db.dump(), &before, "per-kind: after down");
}

/// The flags and migrator.toml's `include`, `exclude` and `schemas` are the same filter.
#[test]
fn flags_and_migrator_toml_give_the_same_result() {
    let tmp = tempfile::tempdir().unwrap();
    let db = TestDb::with_sql("flags_toml", &format!("{TEAM_B}{AUDITED}"));
    let desired = schema_file(
        tmp.path(),
        "s.sql",
        "CREATE TABLE public.users (id bigint PRIMARY KEY);\nCREATE TABLE public.legacy (id integer, note text);\n",
    );
    let config = tmp.path().join("migrator.toml");
    write(
        &config,
        "include = [\"public.*\", \"team_b.*\"]\n\
         exclude = [\"table:audit_*\", \"function:pg_*\", \"!table:audit_old\", \"team_b.*\"]\n\
         schemas = [\"public\", \"team_*\"]\n",
    );
    let diff = |config: &Path, flags: &[&str]| {
        let mut args = vec![
            "--config",
            config.to_str().unwrap(),
            "diff",
            "--format",
            "json",
            "--schema",
            desired.to_str().unwrap(),
            "--dsn",
            &db.dsn,
        ];
        args.extend_from_slice(flags);
        migrator_ok(&args).stdout
    };
    let from_toml = diff(&config, &[]);
    let none = tmp.path().join("none.toml");
    let from_flags = diff(
        &none,
        &[
            "--include",
            "public.*",
            "--include",
            "team_b.*",
            "--exclude",
            "table:audit_*",
            "--exclude",
            "function:pg_*",
            "--exclude",
            "!table:audit_old",
            "--exclude",
            "team_b.*",
            "--schemas",
            "public,team_*",
        ],
    );
    assert_eq!(from_toml, from_flags);
    for expected in ["users", "audit_old", "audit_summary", "note"] {
        assert!(from_toml.contains(expected), "{expected}: {from_toml}");
    }
    for untouched in ["TABLE IF EXISTS public.audit_log", "pg_helper", "customers"] {
        assert!(!from_toml.contains(untouched), "{untouched}: {from_toml}");
    }
    // A flag's pattern comes after the file's, so it decides: `!team_b.*` takes team B's
    // objects back, and the desired SQL, which lacks them, drops them.
    let back = diff(&config, &["--exclude", "!team_b.*"]);
    assert!(back.contains("customers"), "{back}");
    // Unfiltered, everything in the database that the SQL lacks is dropped.
    let all = diff(&none, &[]);
    assert!(
        all.contains("pg_helper") && all.contains("customers"),
        "{all}"
    );
}

/// `inspect --explain-filters` says on stderr what was left out and by which pattern or
/// rule; the snapshot on stdout is without it. Bad patterns are clear errors.
#[test]
fn explain_filters_says_what_was_excluded_and_why() {
    let db = TestDb::with_sql("explain", TEAM_B);
    let o = migrator_ok(&[
        "inspect",
        "--dsn",
        &db.dsn,
        "--exclude",
        "table:team_b.customers",
        "--exclude",
        "public.*",
        "--explain-filters",
    ]);
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "excluded table public.legacy: exclude pattern `public.*`",
            "excluded table team_b.customers: exclude pattern `table:team_b.customers`",
            "excluded trigger customers_touch on team_b.customers: goes with table \
             team_b.customers: exclude pattern `table:team_b.customers`",
            "filters: 3 object(s) excluded",
        ],
        "{}",
        o.stderr
    );
    let snapshot: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let tables = snapshot["tables"].as_array().unwrap();
    assert!(tables.is_empty(), "{tables:?}");
    assert_eq!(snapshot["views"].as_array().unwrap().len(), 1);

    let o = migrator_ok(&["inspect", "--dsn", &db.dsn, "--schemas", "team_b"]);
    assert!(
        o.stderr.is_empty(),
        "explained only when asked: {}",
        o.stderr
    );
    let o = migrator_ok(&[
        "inspect",
        "--dsn",
        &db.dsn,
        "--schemas",
        "team_b",
        "--explain-filters",
    ]);
    assert!(
        o.stderr
            .contains("excluded table public.legacy: schema public is not in schemas [team_b]"),
        "{}",
        o.stderr
    );

    for (flag, pattern, message) in [
        (
            "--exclude",
            "tabel:x",
            "exclude: bad filter pattern `tabel:x`: unknown kind `tabel`",
        ),
        (
            "--include",
            "public.\"open",
            "include: bad filter pattern `public.\"open`: a double quote is not closed",
        ),
        (
            "--schemas",
            "db/",
            "schemas: bad filter pattern `db/`: `/` cannot appear",
        ),
    ] {
        let o = migrator(&["inspect", "--dsn", &db.dsn, flag, pattern]);
        assert_eq!(o.code, 1, "{pattern}");
        assert!(o.stderr.contains(message), "{pattern}: {}", o.stderr);
    }
    // A dialect's object kinds are kinds patterns may name.
    migrator_ok(&["inspect", "--dsn", &db.dsn, "--exclude", "hypertable:*"]);
}
