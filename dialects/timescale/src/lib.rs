//! migrator-timescale: the TimescaleDB dialect, built on `postgres`.
//!
//! Not implemented yet (tracked as its own issue): this crate registers the dialect name so
//! `--dialect timescale` gives a clear "not supported yet" error instead of an unknown-dialect
//! one. It inherits every PostgreSQL builder and template through its base.

use migrator_core::dialect::{Dialect, LoadError, Loaded, Registry, SourceFile};

const NOT_YET: &str = "the timescale dialect is not implemented yet: hypertables, compression, \
retention and continuous aggregates are not handled. Use --dialect postgres for plain \
PostgreSQL objects (TimescaleDB calls are then skipped with a warning).";

/// The TimescaleDB dialect (a placeholder until its issue lands).
#[derive(Debug, Default, Clone, Copy)]
pub struct Timescale;

impl Dialect for Timescale {
    fn name(&self) -> &str {
        "timescale"
    }

    fn base(&self) -> Option<&str> {
        Some("postgres")
    }

    fn description(&self) -> &str {
        "TimescaleDB on PostgreSQL (not implemented yet)"
    }

    fn register(&self, _registry: &mut Registry) {}

    fn load_sql(&self, _files: &[SourceFile]) -> Result<Loaded, LoadError> {
        Err(LoadError::Other(NOT_YET.into()))
    }

    fn introspect(&self, _dsn: &str) -> Result<Loaded, LoadError> {
        Err(LoadError::Other(NOT_YET.into()))
    }

    fn quote_ident(&self, name: &str) -> String {
        migrator_postgres::quote::quote_ident(name)
    }
}
