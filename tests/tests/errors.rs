//! Bad input gets a clear error and nothing is written; existing files are never touched.
//! These tests need no database, except where a real unreachable port is the point.

use migrator_tests::*;
use std::fs;
use std::path::Path;

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The migration files of `dir` (without `migrator.sum`, which tests/tests/integrity.rs
/// covers).
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .filter(|n| n != "migrator.sum")
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn malformed_sql_names_the_file_and_line_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("schema/tables.sql");
    write(
        &schema,
        "CREATE TABLE a (id integer);\n\n-- broken:\nCREATE TABLE b (id integer,, name text);\n",
    );
    let m = tmp.path().join("migrations");
    let o = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("tables.sql:4:"), "{}", o.stderr);
    assert!(o.stderr.contains("syntax error"), "{}", o.stderr);
    assert!(!m.exists(), "nothing may be written");
}

#[test]
fn statements_not_supported_yet_are_errors_with_their_location() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("s.sql");
    write(&schema, "CREATE TABLE a (id integer);\nCREATE TYPE b;\n");
    let o = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        tmp.path().join("m").to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("s.sql:2: a shell type alone (public.b, never completed by CREATE TYPE public.b (INPUT = …, OUTPUT = …)) is not supported yet"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_base_type_option_alter_type_cannot_change_is_refused_with_the_way_out() {
    let tmp = tempfile::tempdir().unwrap();
    let (before, after) = (tmp.path().join("before.sql"), tmp.path().join("after.sql"));
    let io = "CREATE TYPE mytext;\n\
        CREATE FUNCTION mytext_in(cstring) RETURNS mytext LANGUAGE internal IMMUTABLE STRICT AS 'textin';\n\
        CREATE FUNCTION mytext_out(mytext) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'textout';\n";
    let create = |category: &str| {
        format!(
            "{io}CREATE TYPE mytext (INPUT = mytext_in, OUTPUT = mytext_out, LIKE = text, \
             CATEGORY = '{category}');\n"
        )
    };
    write(&before, &create("U"));
    write(&after, &create("S"));
    let m = tmp.path().join("m");
    let m = m.to_str().unwrap();
    migrator_ok(&[
        "generate",
        "--schema",
        before.to_str().unwrap(),
        "--migrations",
        m,
    ]);
    let written = listing(Path::new(m));
    let o = migrator(&[
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m,
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("base type public.mytext changes CATEGORY, which ALTER TYPE cannot change")
            && o.stderr.contains("Create the new type under another name"),
        "{}",
        o.stderr
    );
    assert_eq!(listing(Path::new(m)), written, "nothing may be written");
}

#[test]
fn a_range_type_changing_under_a_column_is_refused_with_the_way_out() {
    let tmp = tempfile::tempdir().unwrap();
    let (before, after) = (tmp.path().join("before.sql"), tmp.path().join("after.sql"));
    let table = "CREATE TABLE t (id integer, r floatrange);\n";
    write(
        &before,
        &format!("CREATE TYPE floatrange AS RANGE (subtype = float8);\n{table}"),
    );
    write(
        &after,
        &format!(
            "CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);\n{table}"
        ),
    );
    let m = tmp.path().join("m");
    let m = m.to_str().unwrap();
    migrator_ok(&[
        "generate",
        "--schema",
        before.to_str().unwrap(),
        "--migrations",
        m,
    ]);
    let written = listing(Path::new(m));
    let o = migrator(&[
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m,
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("range type public.floatrange changes")
            && o.stderr.contains("column public.t.r uses it")
            && o.stderr
                .contains("Create the new range type under another name"),
        "{}",
        o.stderr
    );
    assert_eq!(
        listing(Path::new(m)),
        written,
        "nothing more may be written"
    );
}

#[test]
fn a_collation_changing_under_a_domain_or_an_index_key_is_refused_with_the_way_out() {
    for (uses, user) in [
        (
            "CREATE DOMAIN label AS text COLLATE ci;\n",
            "domain public.label",
        ),
        (
            "CREATE TABLE t (id integer, name text);\nCREATE INDEX t_ci ON t (name COLLATE ci);\n",
            "index public.t_ci",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let (before, after) = (tmp.path().join("before.sql"), tmp.path().join("after.sql"));
        let icu = "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2'";
        write(&before, &format!("{icu});\n{uses}"));
        write(&after, &format!("{icu}, deterministic = false);\n{uses}"));
        let m = tmp.path().join("m");
        let m = m.to_str().unwrap();
        migrator_ok(&[
            "generate",
            "--schema",
            before.to_str().unwrap(),
            "--migrations",
            m,
        ]);
        let written = listing(Path::new(m));
        let o = migrator(&[
            "generate",
            "--schema",
            after.to_str().unwrap(),
            "--migrations",
            m,
        ]);
        assert_eq!(o.code, 1, "{}", o.stderr);
        assert!(
            o.stderr.contains("collation public.ci changes")
                && o.stderr.contains(&format!("{user} uses it"))
                && o.stderr
                    .contains("Create the new collation under another name"),
            "{}",
            o.stderr
        );
        assert_eq!(
            listing(Path::new(m)),
            written,
            "nothing more may be written"
        );
    }
}

#[test]
fn a_domain_rebuilt_under_another_domain_is_refused_with_the_way_out() {
    let tmp = tempfile::tempdir().unwrap();
    let (before, after) = (tmp.path().join("before.sql"), tmp.path().join("after.sql"));
    let rest = "CREATE DOMAIN short_code AS code CHECK (length(VALUE) < 5);\n\
                CREATE TABLE t (id integer, c code);\n";
    write(
        &before,
        &format!("CREATE DOMAIN code AS varchar(20);\n{rest}"),
    );
    write(&after, &format!("CREATE DOMAIN code AS text;\n{rest}"));
    let m = tmp.path().join("m");
    let m = m.to_str().unwrap();
    let generate = |schema: &Path| {
        migrator(&[
            "generate",
            "--schema",
            schema.to_str().unwrap(),
            "--migrations",
            m,
        ])
    };
    assert_eq!(generate(&before).code, 0);
    let written = listing(Path::new(m));
    let o = generate(&after);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("domain public.code changes its base type")
            && o.stderr.contains("domain public.short_code uses it")
            && o.stderr
                .contains("Create the new domain under another name"),
        "{}",
        o.stderr
    );
    assert_eq!(
        listing(Path::new(m)),
        written,
        "nothing more may be written"
    );
}

#[test]
fn a_missing_table_in_alter_names_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("s.sql");
    write(
        &schema,
        "CREATE TABLE a (id integer);\nALTER TABLE nope ADD COLUMN x integer;\n",
    );
    let o = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        tmp.path().join("m").to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("s.sql:2: table public.nope does not exist"),
        "{}",
        o.stderr
    );
}

#[test]
fn unknown_dialect_lists_the_known_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("s.sql");
    write(&schema, "CREATE TABLE a (id integer);\n");
    let m = tmp.path().join("m");
    let o = migrator(&[
        "generate",
        "--dialect",
        "oracle",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("unknown dialect `oracle` (known: postgres, timescale)"),
        "{}",
        o.stderr
    );
    assert!(!m.exists());
}

#[test]
fn unreachable_database_is_a_clear_error_without_the_password() {
    // Port 1 on loopback: nothing listens there.
    let dsn = "postgresql://alice:s3cr3t-pw@127.0.0.1:1/appdb?connect_timeout=3";
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("s.sql");
    write(&schema, "CREATE TABLE a (id integer);\n");
    let m = tmp.path().join("m");
    let o = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--dsn",
        dsn,
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("cannot connect to the database at 127.0.0.1:1/appdb"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("s3cr3t-pw") && !o.stdout.contains("s3cr3t-pw"));
    assert!(!o.stderr.contains("alice"));
    assert!(!m.exists());
    let o = migrator(&["inspect", "--dsn", dsn]);
    assert_eq!(o.code, 1);
    assert!(!o.stderr.contains("s3cr3t-pw"));
}

#[test]
fn clashing_versions_in_the_directory_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    write(&m.join("000001_a.up.sql"), "CREATE TABLE a (id integer);");
    write(&m.join("000001_b.up.sql"), "CREATE TABLE b (id integer);");
    let schema = tmp.path().join("s.sql");
    write(&schema, "CREATE TABLE c (id integer);\n");
    let before = listing(&m);
    let o = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("clashing migration versions: 1"),
        "{}",
        o.stderr
    );
    assert_eq!(listing(&m), before);
}

#[test]
fn a_start_version_not_above_the_existing_ones_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let schema = tmp.path().join("s.sql");
    write(&schema, "CREATE TABLE a (id integer);\n");
    migrator_ok(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--start-version",
        "5",
    ]);
    assert_eq!(
        listing(&m),
        [
            "000005_initial_schema.down.sql",
            "000005_initial_schema.up.sql"
        ]
    );
    write(&schema, "CREATE TABLE a (id integer, b text);\n");
    let before: Vec<Vec<u8>> = listing(&m)
        .iter()
        .map(|f| fs::read(m.join(f)).unwrap())
        .collect();
    let o = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--start-version",
        "5",
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("clashing migration versions"),
        "{}",
        o.stderr
    );
    let after: Vec<Vec<u8>> = listing(&m)
        .iter()
        .map(|f| fs::read(m.join(f)).unwrap())
        .collect();
    assert_eq!(before, after, "existing files are untouched");
    migrator_ok(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    assert!(
        listing(&m).contains(&"000006_add_a_b.up.sql".to_string()),
        "{:?}",
        listing(&m)
    );
}

#[test]
fn prefix_names_files_like_cloudquery() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let schema = tmp.path().join("s.sql");
    write(&schema, "CREATE TABLE a (id integer);\n");
    migrator_ok(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--prefix",
        "2_v0.0.2",
    ]);
    assert_eq!(listing(&m), ["2_v0.0.2.down.sql", "2_v0.0.2.up.sql"]);
}

#[test]
fn no_changes_writes_nothing_and_exits_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let schema = tmp.path().join("s.sql");
    write(&schema, "CREATE TABLE a (id integer);\n");
    migrator_ok(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    let o = migrator_ok(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    assert_eq!(o.stdout, "no changes\n");
    assert_eq!(listing(&m).len(), 2);
}

#[test]
fn other_dialects_statements_are_skipped_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("s.sql");
    write(
        &schema,
        "CREATE TABLE m (t timestamptz NOT NULL, v real);\nSELECT create_hypertable('m', 't');\n",
    );
    let m = tmp.path().join("m");
    let o = migrator_ok(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    assert!(
        o.stderr
            .contains("s.sql:2: skipped: `SELECT create_hypertable(…)`"),
        "{}",
        o.stderr
    );
    let up = fs::read_to_string(m.join("000001_initial_schema.up.sql")).unwrap();
    assert!(!up.contains("create_hypertable"));
}

#[test]
fn a_down_file_without_its_up_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    write(&m.join("000001_a.down.sql"), "DROP TABLE a;");
    let schema = tmp.path().join("s.sql");
    write(&schema, "CREATE TABLE a (id integer);\n");
    let o = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("version 1 has a down file but no up file"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_missing_schema_path_is_a_clear_error() {
    let o = migrator(&[
        "generate",
        "--schema",
        "/nonexistent/schema",
        "--migrations",
        "/nonexistent/m",
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("the schema path /nonexistent/schema does not exist"),
        "{}",
        o.stderr
    );
}

#[test]
fn migrator_toml_supplies_defaults() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        &tmp.path().join("db/schema.sql"),
        "CREATE TABLE a (id integer);\n",
    );
    let config = tmp.path().join("migrator.toml");
    write(
        &config,
        &format!(
            "dialect = \"postgres\"\nschema = \"{}\"\nmigrations = \"{}\"\n",
            tmp.path().join("db/schema.sql").display(),
            tmp.path().join("out").display()
        ),
    );
    migrator_ok(&["--config", config.to_str().unwrap(), "generate"]);
    assert_eq!(listing(&tmp.path().join("out")).len(), 2);
    write(&config, "dialekt = \"postgres\"\n");
    let o = migrator(&["--config", config.to_str().unwrap(), "generate"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("unknown field `dialekt`"), "{}", o.stderr);
}

#[test]
fn destructive_changes_are_refused_with_exit_code_3_and_nothing_written() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let schema = tmp.path().join("s.sql");
    write(
        &schema,
        "CREATE TABLE a (id integer, legacy text);\nCREATE TABLE b (id integer);\n",
    );
    let (s, ms) = (schema.to_str().unwrap(), m.to_str().unwrap());
    // A first migration only creates: no gate.
    let o = migrator_exact(&["generate", "--schema", s, "--migrations", ms]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    write(&schema, "CREATE TABLE a (id integer);\n");
    let before = listing(&m);
    let o = migrator_exact(&["generate", "--schema", s, "--migrations", ms]);
    assert_eq!(o.code, 3, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stderr
            .contains("refusing to generate destructive changes"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("drop_b (deletes_data"), "{}", o.stderr);
    assert!(
        o.stderr.contains("drop_a_legacy (deletes_data"),
        "{}",
        o.stderr
    );
    assert_eq!(listing(&m), before, "nothing written");
    let o = migrator_exact(&[
        "generate",
        "--schema",
        s,
        "--migrations",
        ms,
        "--allow-destructive",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(listing(&m).len(), before.len() + 2);
}

#[test]
fn allow_destructive_can_come_from_migrator_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let schema = tmp.path().join("s.sql");
    let config = tmp.path().join("migrator.toml");
    write(&schema, "CREATE TABLE a (id integer);\n");
    let (s, ms, c) = (
        schema.to_str().unwrap(),
        m.to_str().unwrap(),
        config.to_str().unwrap(),
    );
    migrator_exact(&["generate", "--schema", s, "--migrations", ms]);
    write(&schema, "CREATE TABLE b (id integer);\n");
    write(&config, "allow_destructive = true\n");
    let o = migrator_exact(&["--config", c, "generate", "--schema", s, "--migrations", ms]);
    assert_eq!(o.code, 0, "{}", o.stderr);
}

#[test]
fn diff_exit_code_is_2_with_changes_and_0_without_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let schema = tmp.path().join("s.sql");
    write(&schema, "CREATE TABLE a (id integer);\n");
    let (s, ms) = (schema.to_str().unwrap(), m.to_str().unwrap());
    let o = migrator_exact(&["diff", "--schema", s, "--migrations", ms, "--exit-code"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stdout.contains("CREATE TABLE IF NOT EXISTS public.a"),
        "{}",
        o.stdout
    );
    assert!(!m.exists(), "diff writes nothing");
    let json = migrator_exact(&[
        "diff",
        "--schema",
        s,
        "--migrations",
        ms,
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 0);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["postgres"][0]["description"], "initial_schema");
    migrator_ok(&["generate", "--schema", s, "--migrations", ms]);
    let o = migrator_exact(&["diff", "--schema", s, "--migrations", ms, "--exit-code"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout.trim(), "no changes");
    // Destructive changes are shown, not refused.
    write(&schema, "CREATE TABLE b (id integer);\n");
    let o = migrator_exact(&["diff", "--schema", s, "--migrations", ms]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("-- hazard: deletes_data"), "{}", o.stdout);
}

#[test]
fn one_run_several_dialects_writes_one_directory_each() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let schema = repo_root().join("examples/metrics/schema");
    let o = migrator_ok(&[
        "generate",
        "--dialect",
        "postgres",
        "--dialect",
        "timescale",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    assert!(
        o.stderr.contains("skipped: `SELECT create_hypertable(…)`"),
        "{}",
        o.stderr
    );
    let pg = listing(&m.join("postgres"));
    let ts = listing(&m.join("timescale"));
    assert_eq!(
        pg,
        [
            "000001_initial_schema.down.sql",
            "000001_initial_schema.up.sql"
        ]
    );
    assert!(ts.len() >= 4 && ts[0].starts_with("000001_"), "{ts:?}");
    let pg_up = std::fs::read_to_string(m.join("postgres").join(&pg[1])).unwrap();
    assert!(
        !pg_up.contains("create_hypertable") && !pg_up.contains("cpu_hourly"),
        "{pg_up}"
    );
    let ts_all: String = ts
        .iter()
        .map(|f| std::fs::read_to_string(m.join("timescale").join(f)).unwrap())
        .collect();
    assert!(ts_all.contains("create_hypertable"), "{ts_all}");
}

/// Runs an offline `generate` of `sql` (one file, `s.sql`) and returns its outcome and
/// whether the migrations directory was created.
fn generate_offline(sql: &str) -> (Outcome, bool) {
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("s.sql");
    write(&schema, sql);
    let m = tmp.path().join("m");
    let o = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    (o, m.exists())
}

/// Issue 13 §5: a misspelt type used to become a migration that failed only when applied.
#[test]
fn a_type_that_is_not_built_in_nor_defined_names_its_file_and_line() {
    let (o, written) = generate_offline(
        "CREATE TABLE a (id integer PRIMARY KEY);\n\nCREATE TABLE b (\n    id integer,\n    body txet\n);\n",
    );
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains(
            "s.sql:3: type public.txet (column public.b.body) is not built in and not defined \
             in these files, and no declared extension provides it"
        ),
        "{}",
        o.stderr
    );
    assert!(!written, "nothing may be written");
}

/// Issue 13 §5: a foreign key to a table defined nowhere.
#[test]
fn a_foreign_key_to_a_table_defined_nowhere_names_its_file_and_line() {
    let (o, written) = generate_offline(
        "CREATE TABLE a (id integer PRIMARY KEY);\nCREATE TABLE b (\n    a_id integer REFERENCES a (id),\n    c_id integer REFERENCES c (id)\n);\n",
    );
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains(
            "s.sql:2: foreign key b_c_id_fkey on public.b references public.c, which is not \
             defined in these files, and no declared extension provides it"
        ),
        "{}",
        o.stderr
    );
    assert!(!written, "nothing may be written");
}

/// Views and triggers on relations that exist nowhere are refused with their lines too
/// (a trigger's table must come before it, as in PostgreSQL).
#[test]
fn views_and_triggers_on_relations_defined_nowhere_name_their_lines() {
    let (o, _) = generate_offline(
        "CREATE TABLE a (id integer);\nCREATE VIEW v AS\n  SELECT a.id FROM a JOIN gone g ON g.id = a.id;\n",
    );
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stderr
            .contains("s.sql:2: view public.v references public.gone, which is not defined"),
        "{}",
        o.stderr
    );
    let (o, _) = generate_offline(
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';\n\
         CREATE TRIGGER t BEFORE INSERT ON gone FOR EACH ROW EXECUTE FUNCTION f();\n",
    );
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stderr
            .contains("s.sql:2: relation public.gone does not exist"),
        "{}",
        o.stderr
    );
}

/// Every unresolved name is listed, not only the first.
#[test]
fn every_name_defined_nowhere_is_listed() {
    let (o, _) = generate_offline(
        "CREATE TABLE a (x txet);\nCREATE TABLE b (y intger);\nCREATE VIEW v AS SELECT * FROM gone;\n",
    );
    assert_eq!(o.code, 1);
    for want in [
        "s.sql:1: type public.txet",
        "s.sql:2: type public.intger",
        "s.sql:3: view public.v references public.gone",
    ] {
        assert!(o.stderr.contains(want), "{want}: {}", o.stderr);
    }
}

/// Types and tables of a declared extension resolve; an extension migrator has no list for
/// turns what nothing else defines into a warning, and the migration is written.
#[test]
fn extension_names_resolve_and_unknown_extensions_warn() {
    let (o, written) = generate_offline(
        "CREATE EXTENSION postgis;\nCREATE TABLE places (\n    id bigint PRIMARY KEY,\n    geom geometry(Point, 4326),\n    srid integer REFERENCES spatial_ref_sys (srid)\n);\n",
    );
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(written);
    assert!(!o.stderr.contains("warning"), "{}", o.stderr);

    let (o, written) = generate_offline(
        "CREATE EXTENSION postgis;\nCREATE TABLE places (id bigint, kind placekind);\n",
    );
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains("s.sql:2: type public.placekind"),
        "{}",
        o.stderr
    );
    assert!(!written);

    let (o, written) = generate_offline(
        "CREATE EXTENSION vendor_ext;\nCREATE TABLE t (id bigint, v vendor_type);\n",
    );
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(written);
    assert!(
        o.stderr.contains(
            "s.sql:2: type public.vendor_type (column public.t.v) is not built in and not \
             defined in these files; extension vendor_ext may provide it"
        ) && o.stderr.starts_with("warning: "),
        "{}",
        o.stderr
    );
}
