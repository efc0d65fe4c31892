//! Where the current schema comes from: nothing, a live database, a JSON snapshot, the
//! replay of the existing migrations, or a plain server of the base dialect completed by
//! that replay.
//!
//! The last one exists because some dialects' objects (TimescaleDB's hypertables) can only
//! live on their own server: a dialect says which through
//! [`Dialect::replayed_objects`](crate::dialect::Dialect::replayed_objects), and this module
//! never asks which dialect it is.

use super::{report, Edge, WorkflowError};
use crate::dialect::{Dialect, LoadError, Loaded, SourceFile};
use crate::dialects::Dialects;
use crate::filter::Filter;
use crate::migrations::{DirFormat, Existing};
use crate::schema::Schema;
use std::path::{Path, PathBuf};

/// How a dialect reads the current schema from a server of its base dialect at `dsn`,
/// taking the objects only its own server holds from `replayed` (see
/// [`Dialect::replayed_objects`]).
pub type ReadWithReplay = fn(dsn: &str, replayed: Schema) -> Result<Loaded, LoadError>;

/// The current schema's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurrentSource {
    /// Nothing exists yet (`--full`): the full initial migration.
    Empty,
    /// A live database of the dialect, read-only (`--dsn`).
    Database(String),
    /// A live server of the base dialect, with the objects only the dialect's own server
    /// holds taken from the replay of the migrations (`--dsn` with `--fake-tsdb`).
    BaseDatabase(String),
    /// A JSON snapshot written by `migrator inspect` (`--current`).
    Snapshot(PathBuf),
    /// The replay of the existing migrations (the default).
    Replay,
}

impl CurrentSource {
    /// The source the flags select, the first that applies in this order: `full`, `dsn`
    /// with `replay_missing`, `dsn`, `snapshot`, and else the replay.
    pub fn select(
        full: bool,
        dsn: Option<String>,
        replay_missing: bool,
        snapshot: Option<PathBuf>,
    ) -> CurrentSource {
        match (full, dsn, snapshot) {
            (true, _, _) => CurrentSource::Empty,
            (false, Some(dsn), _) if replay_missing => CurrentSource::BaseDatabase(dsn),
            (false, Some(dsn), _) => CurrentSource::Database(dsn),
            (false, None, Some(path)) => CurrentSource::Snapshot(path),
            (false, None, None) => CurrentSource::Replay,
        }
    }

    /// The live database read, if any (it also tells the target server version).
    pub fn dsn(&self) -> Option<&str> {
        match self {
            CurrentSource::Database(dsn) | CurrentSource::BaseDatabase(dsn) => Some(dsn),
            _ => None,
        }
    }
}

/// The migrations already written: where, in which format, and which versions.
#[derive(Clone, Copy)]
pub struct Migrations<'a> {
    pub dir: &'a Path,
    pub format: DirFormat,
    pub existing: &'a [Existing],
}

/// Reads the current schema from `source` with `dialect`.
pub fn current_schema(
    dialects: &Dialects,
    dialect: &dyn Dialect,
    source: &CurrentSource,
    migrations: Migrations,
    managed: &Filter,
    edge: &mut dyn Edge,
) -> Result<Schema, WorkflowError> {
    match source {
        CurrentSource::Empty => Ok(Schema::default()),
        CurrentSource::BaseDatabase(dsn) => {
            let Some(read) = dialect.replayed_objects() else {
                let capable: Vec<&str> = dialects
                    .all()
                    .filter(|d| d.replayed_objects().is_some())
                    .map(|d| d.name())
                    .collect();
                return Err(WorkflowError::NothingToReplay {
                    capable: capable.join(", "),
                });
            };
            let replayed = report(
                dialect.load_sql(&replay_files(migrations, edge)?, managed)?,
                edge,
            );
            Ok(report(read(dsn, replayed)?, edge))
        }
        CurrentSource::Database(dsn) => Ok(report(dialect.introspect(dsn)?, edge)),
        CurrentSource::Snapshot(path) => {
            let text = edge.read_file(path).map_err(|source| WorkflowError::Read {
                path: path.clone(),
                source,
            })?;
            let mut schema: Schema =
                serde_json::from_str(&text).map_err(|source| WorkflowError::Snapshot {
                    path: path.clone(),
                    source,
                })?;
            dialect.complete_snapshot(&mut schema);
            Ok(schema)
        }
        CurrentSource::Replay => Ok(report(
            dialect.load_sql(&replay_files(migrations, edge)?, managed)?,
            edge,
        )),
    }
}

/// The up SQL of the existing migrations, in version order, for replaying them.
pub fn replay_files(
    migrations: Migrations,
    edge: &mut dyn Edge,
) -> Result<Vec<SourceFile>, WorkflowError> {
    migrations
        .existing
        .iter()
        .filter_map(|m| m.up.as_ref())
        .map(|f| {
            let path = migrations.dir.join(f);
            match edge.read_file(&path) {
                Ok(text) => Ok(SourceFile {
                    text: migrations.format.up_sql(&text),
                    path,
                }),
                Err(source) => Err(WorkflowError::Read { path, source }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_select_the_source_in_order_of_precedence() {
        let dsn = || Some("postgres://db".to_string());
        let snap = || Some(PathBuf::from("current.json"));
        assert_eq!(
            CurrentSource::select(true, dsn(), true, snap()),
            CurrentSource::Empty
        );
        assert_eq!(
            CurrentSource::select(false, dsn(), true, None),
            CurrentSource::BaseDatabase("postgres://db".into())
        );
        assert_eq!(
            CurrentSource::select(false, dsn(), false, snap()),
            CurrentSource::Database("postgres://db".into())
        );
        assert_eq!(
            CurrentSource::select(false, None, true, snap()),
            CurrentSource::Snapshot("current.json".into())
        );
        assert_eq!(
            CurrentSource::select(false, None, false, None),
            CurrentSource::Replay
        );
    }
}
