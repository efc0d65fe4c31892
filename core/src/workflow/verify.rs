//! `verify`: proves a migrations directory on an empty scratch database.
//!
//! Every up file runs as golang-migrate runs it (one simple-query `Exec` per file), the
//! result is compared with the desired schema when there is one, then every down file
//! runs in reverse, and the database must be empty again. A migration that only works on
//! paper fails here, before it reaches a real database.

use super::{load_path, report, scope, versioning, Edge, WorkflowError};
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
        v.dialect.execute(v.dsn, &text).map_err(|source| {
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
        run(m.up.as_deref().unwrap_or_default(), edge)?;
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
        "verified {} migrations: up, schema, down",
        existing.len()
    ));
    Ok(())
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
