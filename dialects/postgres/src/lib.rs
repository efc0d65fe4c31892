//! migrator-postgres: the PostgreSQL dialect.
//!
//! - [`load`] reads SQL with pg_query (the real PostgreSQL parser) into the schema IR;
//! - [`introspect`] reads a live catalog over tokio-postgres;
//! - [`normalize`] makes both sides compare equal when they mean the same thing;
//! - `seed` fills and reads a scratch database's tables for `verify --with-data`;
//! - [`ddl`] registers one builder per change kind (each in its kind's slice under `kinds/`),
//!   rendering `templates/postgres/*.sql`.
//!
//! Other dialects build on this one (TimescaleDB names `postgres` as its base).

mod check;
mod column_refs;
pub mod connection;
pub mod ddl;
mod define;
mod expr_sites;
pub mod extension;
pub mod introspect;
mod kinds;
pub mod load;
pub mod names;
pub mod normalize;
pub mod query;
pub mod quote;
mod seed;

use migrator_core::dialect::{Database, Dialect, LoadError, Loaded, Registry, SourceFile};
use migrator_core::filter::Filter;

/// The PostgreSQL dialect.
#[derive(Debug, Default, Clone, Copy)]
pub struct Postgres;

impl Dialect for Postgres {
    fn name(&self) -> &str {
        "postgres"
    }

    fn description(&self) -> &str {
        "PostgreSQL 12 and later"
    }

    fn register(&self, registry: &mut Registry) {
        ddl::register(registry);
    }

    fn load_sql(&self, files: &[SourceFile], managed: &Filter) -> Result<Loaded, LoadError> {
        load::load_files_with(files, &[], managed)
    }

    fn introspect(&self, dsn: &str) -> Result<Loaded, LoadError> {
        introspect::introspect(dsn)
    }

    fn quote_ident(&self, name: &str) -> String {
        quote::quote_ident(name)
    }

    fn complete_snapshot(&self, schema: &mut migrator_core::schema::Schema) {
        expr_sites::complete_snapshot(schema)
    }

    fn database(&self) -> Option<&dyn Database> {
        Some(&connection::PgDatabase)
    }

    /// A major version PostgreSQL could have, and timeouts `SET LOCAL` accepts: a
    /// [duration](https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-NAMES-VALUES)
    /// such as `5s`, `500ms` or `0`. The timeout check is loose (letters, digits, dots and
    /// spaces only) and leaves the unit to the server.
    fn check_options(
        &self,
        options: &migrator_core::dialect::BuildOptions,
    ) -> Result<(), migrator_core::dialect::BuildError> {
        use migrator_core::dialect::BuildError;
        let v = options.pg_version;
        if !(10..=99).contains(&v) {
            return Err(BuildError::Other(format!(
                "--pg-version {v}: expected a PostgreSQL major version such as 15"
            )));
        }
        let timeouts = [
            ("--lock-timeout", &options.lock_timeout),
            ("--statement-timeout", &options.statement_timeout),
        ];
        for (what, v) in timeouts {
            let duration = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == ' ';
            if v.is_empty() || !v.chars().all(duration) {
                return Err(BuildError::Other(format!(
                    "{what} `{v}`: expected a PostgreSQL duration such as 5s, 500ms, 15min or 0"
                )));
            }
        }
        Ok(())
    }
}
