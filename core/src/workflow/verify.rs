//! `verify`: proves a migrations directory on an empty scratch database.
//!
//! Every up file runs as golang-migrate runs it (one simple-query `Exec` per file), the
//! result is compared with the desired schema when there is one, then every down file
//! runs in reverse, and the database must be empty again. A migration that only works on
//! paper fails here, before it reaches a real database.
//!
//! With `--with-data` each version also proves it keeps rows: the tables that exist before
//! its up file are seeded (the empty ones; through the dialect) and read, the up runs and
//! the rows are compared ([`super::rows`]), then the down runs and they are compared again,
//! and the up runs once more before the next version. Losses the step's own changes declare
//! (a dropped column or table) are reported, not failed.

use super::{load_path, report, rows, scope, versioning, Edge, WorkflowError};
use crate::dialect::{Dialect, LoadError};
use crate::filter::Filter;
use crate::migrations::DirFormat;
use crate::schema::Schema;
use std::path::{Path, PathBuf};

/// One verification.
pub struct Verify<'a> {
    pub dialect: &'a dyn Dialect,
    /// The scratch database; it is changed, and must start empty.
    pub dsn: &'a str,
    /// The desired schema the migrations must reach; without one only up and down run.
    pub schema: Option<&'a Path>,
    pub dir: &'a Path,
    pub format: DirFormat,
    /// Privileges are compared (`--with-privileges`).
    pub with_privileges: bool,
    /// The objects managed: the database and the desired schema are compared without the
    /// others, and the database counts as empty without them.
    pub filter: &'a Filter,
    /// Seed rows and prove every step keeps them (`--with-data`).
    pub with_data: bool,
}

/// Why a verification failed.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("verify runs golang-migrate directories only (--dir-format golang-migrate)")]
    Format,
    #[error("verify needs an empty scratch database: this one already has user objects")]
    NotEmpty,
    #[error("no migrations in {}", .0.display())]
    NoMigrations(PathBuf),
    #[error("{file}: {source}")]
    Run {
        file: String,
        #[source]
        source: LoadError,
    },
    /// A file failed at a known line (`file:line: message`).
    #[error("{0}")]
    RunAt(LoadError),
    #[error(
        "after every up migration the database still differs from {}: {}",
        schema.display(),
        changes.join(", ")
    )]
    Drift {
        schema: PathBuf,
        changes: Vec<String>,
    },
    #[error(
        "{file} does not keep the rows it does not declare deleting:\n  - {}",
        problems.join("\n  - ")
    )]
    DataLost { file: String, problems: Vec<String> },
    #[error("version {0} has no down file")]
    NoDown(u64),
    #[error(
        "after every down migration the database is not empty: {}",
        left.join(", ")
    )]
    Left { left: Vec<String> },
}

/// Runs every up file, compares, runs every down file; progress goes to the edge.
pub fn verify(v: &Verify, edge: &mut dyn Edge) -> Result<(), WorkflowError> {
    if v.format != DirFormat::GolangMigrate {
        return Err(VerifyError::Format.into());
    }
    let start = database(v, edge)?;
    if !is_blank(&start) {
        return Err(VerifyError::NotEmpty.into());
    }
    let existing = versioning::existing(v.dir, v.format, edge)?;
    if existing.is_empty() {
        return Err(VerifyError::NoMigrations(v.dir.to_path_buf()).into());
    }
    let run = |file: &str, edge: &mut dyn Edge| -> Result<(), WorkflowError> {
        let text = edge
            .read_file(&v.dir.join(file))
            .map_err(|source| WorkflowError::Read {
                path: PathBuf::from(file),
                source,
            })?;
        v.dialect.live()?.execute(v.dsn, &text).map_err(|source| {
            match source {
                // The statement's line is known: `file:line: message`.
                LoadError::Sql { line, message, .. } => VerifyError::RunAt(LoadError::Sql {
                    file: file.to_string(),
                    line,
                    message,
                }),
                source => VerifyError::Run {
                    file: file.to_string(),
                    source,
                },
            }
            .into()
        })
    };
    for m in &existing {
        let up = m.up.as_deref().unwrap_or_default();
        if v.with_data {
            let down = m.down.as_deref().ok_or(VerifyError::NoDown(m.version))?;
            with_data(v, (up, down), &run, edge)?;
        } else {
            run(up, edge)?;
        }
        edge.progress(&format!("up   {:>6} ok", m.version));
    }
    if let Some(path) = v.schema {
        let desired = scope(
            load_path(v.dialect, path, v.filter, edge)?,
            v.with_privileges,
        );
        let desired = v.filter.apply(desired).schema;
        let current = database(v, edge)?;
        let drift = labels(&current, &desired);
        if !drift.is_empty() {
            return Err(VerifyError::Drift {
                schema: path.to_path_buf(),
                changes: drift,
            }
            .into());
        }
        edge.progress(&format!("the database matches {}", path.display()));
    }
    for m in existing.iter().rev() {
        let down = m.down.as_deref().ok_or(VerifyError::NoDown(m.version))?;
        run(down, edge)?;
        edge.progress(&format!("down {:>6} ok", m.version));
    }
    let end = database(v, edge)?;
    if !is_blank(&end) {
        return Err(VerifyError::Left {
            left: labels(&Schema::default(), &end),
        }
        .into());
    }
    edge.progress(&format!(
        "verified {} migrations: up, schema, down{}",
        existing.len(),
        if v.with_data { ", rows" } else { "" }
    ));
    Ok(())
}

/// A file run on the scratch database, its errors located in the file.
type Run<'r> = dyn Fn(&str, &mut dyn Edge) -> Result<(), WorkflowError> + 'r;

/// One version under `--with-data`: seed, up, compare, down, compare, up again.
fn with_data(
    v: &Verify,
    (up, down): (&str, &str),
    run: &Run,
    edge: &mut dyn Edge,
) -> Result<(), WorkflowError> {
    let before = database(v, edge)?;
    for s in v.dialect.live()?.seed(v.dsn, &rows::tables(&before))? {
        match &s.failure {
            None => edge.progress(&format!("  seeded {}: {} rows", s.table, s.rows)),
            Some(why) => edge.progress(&format!(
                "  seeded {}: {} rows; the generator could not fill it: {}",
                s.table,
                s.rows,
                why.replace('\n', " ")
            )),
        }
    }
    let kept = v.dialect.live()?.read_rows(v.dsn)?;
    run(up, edge)?;
    let after = database(v, edge)?;
    let declared = rows::declared_losses(&before, &after);
    check(v, up, &kept, &declared, edge)?;
    run(down, edge)?;
    let declared = declared.union(rows::declared_losses(&after, &database(v, edge)?));
    check(v, down, &kept, &declared, edge)?;
    run(up, edge)
}

/// Compares the rows now with `kept`, reports each table, and fails on an undeclared loss.
fn check(
    v: &Verify,
    file: &str,
    kept: &[rows::TableRows],
    declared: &rows::Declared,
    edge: &mut dyn Edge,
) -> Result<(), WorkflowError> {
    let now = v.dialect.live()?.read_rows(v.dsn)?;
    let outcomes = rows::compare(kept, &now, declared);
    let mut problems = Vec::new();
    for o in &outcomes {
        let renamed = match &o.renamed_to {
            Some(to) => format!(" (now {to})"),
            None => String::new(),
        };
        let mut line = format!(
            "  after {file}: {}{renamed}: {} rows, {} kept",
            o.table, o.rows_before, o.rows_kept
        );
        for d in &o.declared {
            line.push_str(&format!("; declared loss: {d}"));
        }
        edge.progress(&line);
        problems.extend(o.undeclared.iter().cloned());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(VerifyError::DataLost {
            file: file.to_string(),
            problems,
        }
        .into())
    }
}

/// The scratch database's schema, as compared.
fn database(v: &Verify, edge: &mut dyn Edge) -> Result<Schema, WorkflowError> {
    let loaded = v.dialect.introspect(v.dsn)?;
    Ok(v.filter
        .apply(scope(report(loaded, edge), v.with_privileges))
        .schema)
}

/// The labels of the changes from `from` to `to`.
fn labels(from: &Schema, to: &Schema) -> Vec<String> {
    crate::diff::diff(from, to)
        .iter()
        .map(|c| c.label())
        .collect()
}

/// True when a schema holds nothing but extensions (which a server may preinstall).
fn is_blank(s: &Schema) -> bool {
    Schema {
        extensions: Default::default(),
        ..s.clone()
    }
    .is_empty()
}
