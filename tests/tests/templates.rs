//! Project template overrides: a file in the project's template directory replaces the
//! built-in template of the same name, an unchanged export changes nothing, and a broken
//! template is an error naming its file, line and the change, with nothing written.

use migrator_tests::*;
use std::fs;
use std::path::{Path, PathBuf};

const BEFORE: &str = "CREATE TABLE users (id integer PRIMARY KEY);\n";
const AFTER: &str = "CREATE TABLE users (id integer PRIMARY KEY, email text);\n\
                     CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer REFERENCES users);\n";

/// A project with an initial migration of `BEFORE` and `schema.sql` holding `AFTER`.
fn project(tmp: &Path, format: &str) -> (PathBuf, PathBuf) {
    fs::create_dir_all(tmp).unwrap();
    let before = tmp.join("before.sql");
    fs::write(&before, BEFORE).unwrap();
    let schema = tmp.join("schema.sql");
    fs::write(&schema, AFTER).unwrap();
    let m = tmp.join("migrations");
    migrator_ok(&[
        "generate",
        "--schema",
        before.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--dir-format",
        format,
    ]);
    (schema, m)
}

fn contents(dir: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn an_overridden_postgres_template_shapes_the_generated_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (schema, m) = project(tmp.path(), "golang-migrate");
    let tpl = tmp.path().join("tpl");
    fs::create_dir_all(tpl.join("postgres")).unwrap();
    fs::write(
        tpl.join("postgres/add_column.sql"),
        "-- house style\nALTER TABLE {{ table }} ADD COLUMN IF NOT EXISTS {{ column.definition }};\n",
    )
    .unwrap();
    // Through migrator.toml (an absolute path; a relative one is read from the working dir).
    let config = tmp.path().join("migrator.toml");
    fs::write(
        &config,
        format!("templates = {:?}\n", tpl.to_str().unwrap()),
    )
    .unwrap();
    migrator_ok(&[
        "--config",
        config.to_str().unwrap(),
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--name",
        "up",
    ]);
    let up = fs::read_to_string(m.join("000002_up.up.sql")).unwrap();
    assert!(
        up.contains(
            "-- house style\nALTER TABLE public.users ADD COLUMN IF NOT EXISTS email text;"
        ),
        "{up}"
    );
    // Everything else falls back to the built-in templates.
    assert!(
        up.contains("CREATE TABLE IF NOT EXISTS public.orders ("),
        "{up}"
    );
    let list = migrator_ok(&["--templates", tpl.to_str().unwrap(), "templates", "list"]);
    let line = list
        .stdout
        .lines()
        .find(|l| l.starts_with("postgres/add_column.sql"))
        .unwrap();
    assert!(
        line.contains("overridden by") && line.contains("add_column.sql"),
        "{line}"
    );
    let line = list
        .stdout
        .lines()
        .find(|l| l.starts_with("postgres/create_table.sql"))
        .unwrap();
    assert!(line.ends_with("built-in"), "{line}");
}

#[test]
fn an_unchanged_export_gives_byte_identical_files_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("exported");
    let o = migrator_ok(&["templates", "export", tpl.to_str().unwrap()]);
    assert!(o.stdout.contains("postgres/add_column.sql"), "{}", o.stdout);
    assert!(tpl.join("formats/goose/migration.sql").is_file());
    for format in ["golang-migrate", "goose", "dbmate", "flyway"] {
        let plain = tmp.path().join(format!("{format}-plain"));
        let over = tmp.path().join(format!("{format}-over"));
        let (schema, m1) = project(&plain, format);
        let (_, m2) = project(&over, format);
        let args = |m: &Path| {
            vec![
                "generate".to_string(),
                "--schema".into(),
                schema.to_str().unwrap().into(),
                "--migrations".into(),
                m.to_str().unwrap().into(),
                "--dir-format".into(),
                format.into(),
            ]
        };
        let a1 = args(&m1);
        migrator_ok(&a1.iter().map(String::as_str).collect::<Vec<_>>());
        let mut a2 = args(&m2);
        a2.extend(["--templates".to_string(), tpl.to_str().unwrap().to_string()]);
        migrator_ok(&a2.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(contents(&m1), contents(&m2), "{format}");
    }
}

#[test]
fn export_never_overwrites_an_existing_file() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("t");
    fs::create_dir_all(tpl.join("postgres")).unwrap();
    fs::write(tpl.join("postgres/drop_table.sql"), "mine").unwrap();
    let o = migrator_ok(&["templates", "export", tpl.to_str().unwrap()]);
    assert!(
        o.stderr
            .contains("drop_table.sql (exists; not overwritten)"),
        "{}",
        o.stderr
    );
    assert_eq!(
        fs::read_to_string(tpl.join("postgres/drop_table.sql")).unwrap(),
        "mine"
    );
    assert!(tpl.join("postgres/create_table.sql").is_file());
}

#[test]
fn a_template_that_fails_to_render_names_file_line_and_change_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (schema, m) = project(tmp.path(), "golang-migrate");
    let before = contents(&m);
    let tpl = tmp.path().join("tpl");
    fs::create_dir_all(tpl.join("postgres")).unwrap();
    let file = tpl.join("postgres/add_column.sql");
    fs::write(
        &file,
        "-- line 1\nALTER TABLE {{ table }} ADD {{ column.no_such_field }};\n",
    )
    .unwrap();
    let o = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--templates",
        tpl.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains(&format!("{}:2:", file.display())),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("add_users_email"),
        "names the change: {}",
        o.stderr
    );
    assert!(o.stderr.contains("column.no_such_field"), "{}", o.stderr);
    assert_eq!(contents(&m), before, "nothing may be written");
}

#[test]
fn a_template_that_fails_to_parse_names_file_and_line_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (schema, m) = project(tmp.path(), "goose");
    let before = contents(&m);
    let tpl = tmp.path().join("tpl");
    fs::create_dir_all(tpl.join("formats/goose")).unwrap();
    let file = tpl.join("formats/goose/migration.sql");
    fs::write(
        &file,
        "-- +goose Up\n\n{% for s in up.statements %}\n{{ s }}\n",
    )
    .unwrap();
    let o = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--dir-format",
        "goose",
        "--templates",
        tpl.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains(&format!("{}:", file.display())),
        "{}",
        o.stderr
    );
    assert_eq!(contents(&m), before, "nothing may be written");
}

#[test]
fn a_template_that_renders_sql_postgresql_cannot_parse_is_an_internal_error_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (schema, m) = project(tmp.path(), "golang-migrate");
    let before = contents(&m);
    let tpl = tmp.path().join("tpl");
    fs::create_dir_all(tpl.join("postgres")).unwrap();
    // Renders without a template error, but is not SQL: `ADD COLUMN` with no column.
    fs::write(
        tpl.join("postgres/add_column.sql"),
        "ALTER TABLE {{ table }} ADD COLUMN ({{ column.definition }});\n",
    )
    .unwrap();
    let o = migrator(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--templates",
        tpl.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("internal error"), "{}", o.stderr);
    assert!(
        o.stderr.contains("`add_column` change `add_users_email`"),
        "names the change kind: {}",
        o.stderr
    );
    assert!(
        o.stderr
            .contains("ALTER TABLE public.users ADD COLUMN (email text);"),
        "shows the statement: {}",
        o.stderr
    );
    assert_eq!(contents(&m), before, "nothing may be written");
}

#[test]
fn a_dialect_lists_its_base_dialects_templates() {
    let o = migrator_ok(&["--dialect", "timescale", "templates", "list"]);
    let line = o
        .stdout
        .lines()
        .find(|l| l.starts_with("postgres/create_table.sql"))
        .unwrap();
    assert!(line.contains("postgres"), "{line}");
}

#[test]
fn an_override_matching_no_template_is_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("tpl");
    fs::create_dir_all(tpl.join("postgres")).unwrap();
    fs::write(tpl.join("postgres/add_colum.sql"), "x").unwrap();
    let o = migrator_ok(&["--templates", tpl.to_str().unwrap(), "templates", "list"]);
    assert!(
        o.stderr.contains("add_colum.sql") && o.stderr.contains("overrides nothing"),
        "{}",
        o.stderr
    );
}
