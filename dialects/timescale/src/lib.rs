//! migrator-timescale: the TimescaleDB dialect, built on `postgres`.
//!
//! It differs from PostgreSQL in three ways, and inherits everything else (tables, indexes,
//! normalisation, every builder and template) through its base:
//! - [`load`]: TimescaleDB statements in SQL files (`create_hypertable`, compression
//!   settings, policies, continuous aggregates) become dialect objects ([`objects`]);
//! - [`catalog`]: the same objects are read from `timescaledb_information` in a live
//!   database;
//! - [`ddl`]: one builder and template per object kind, and the transaction rules
//!   measured on TimescaleDB 2.23 (see `docs/TIMESCALE.md`).

pub mod catalog;
pub mod ddl;
pub mod interval;
pub mod load;
pub mod objects;
pub mod query;

use include_dir::{include_dir, Dir};
use migrator_core::dialect::{Database, Dialect, LoadError, Loaded, Registry, SourceFile};
use migrator_core::filter::Filter;
use migrator_core::schema::{Extension, Schema};
use migrator_postgres::extension::PgExtension;
use std::sync::Arc;

/// The TimescaleDB templates, embedded in the binary.
pub(crate) static TEMPLATES: Dir<'_> =
    include_dir!("$CARGO_MANIFEST_DIR/../../templates/timescale");

/// The TimescaleDB dialect.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timescale;

/// The extension's name: it is never dropped.
const EXTENSION: &str = "timescaledb";

impl Dialect for Timescale {
    fn name(&self) -> &str {
        "timescale"
    }

    fn base(&self) -> Option<&str> {
        Some("postgres")
    }

    fn description(&self) -> &str {
        "TimescaleDB 2.x on PostgreSQL: hypertables, compression, policies, continuous aggregates"
    }

    fn register(&self, registry: &mut Registry) {
        ddl::register(registry);
        for file in TEMPLATES.files() {
            if let Some(text) = file.contents_utf8() {
                registry.template(&format!("timescale/{}", file.path().display()), text);
            }
        }
    }

    fn load_sql(&self, files: &[SourceFile], managed: &Filter) -> Result<Loaded, LoadError> {
        load_sql(files, managed)
    }

    fn introspect(&self, dsn: &str) -> Result<Loaded, LoadError> {
        let ext: Arc<dyn PgExtension> = Arc::new(catalog::TimescaleCatalog);
        migrator_postgres::introspect::introspect_with(dsn, &[ext])
    }

    fn quote_ident(&self, name: &str) -> String {
        migrator_postgres::quote::quote_ident(name)
    }

    fn complete_snapshot(&self, schema: &mut migrator_core::schema::Schema) {
        migrator_postgres::Postgres.complete_snapshot(schema)
    }

    fn database(&self) -> Option<&dyn Database> {
        migrator_postgres::Postgres.database()
    }

    /// Hypertables, compression, policies and continuous aggregates exist only on a
    /// TimescaleDB server; on a plain PostgreSQL they come from the replay.
    fn replayed_objects(&self) -> Option<migrator_core::workflow::source::ReadWithReplay> {
        Some(fake_tsdb_current)
    }
}

/// Loads SQL files (desired schema or replayed migrations) with TimescaleDB's statements.
pub fn load_sql(files: &[SourceFile], managed: &Filter) -> Result<Loaded, LoadError> {
    let ext: Arc<dyn PgExtension> = Arc::new(load::TimescaleStatements);
    let mut loaded = migrator_postgres::load::load_files_with(files, &[ext], managed)?;
    if !files.is_empty() {
        assume_extension(&mut loaded.schema);
    }
    Ok(loaded)
}

/// The `timescaledb` extension is never dropped: a source that does not declare it still
/// has it, with no version or schema stated (so whatever is installed is accepted).
fn assume_extension(schema: &mut Schema) {
    schema
        .extensions
        .entry(EXTENSION.to_string())
        .or_insert_with(|| Extension {
            name: EXTENSION.to_string(),
            schema: None,
            version: None,
            comment: None,
        });
}

/// The current schema for `--fake-tsdb`: when only a vanilla PostgreSQL is at hand, its
/// tables, indexes and the rest come from `dsn` (PostgreSQL introspection) and the
/// TimescaleDB objects from `replayed`, the replay of the existing timescale migrations.
pub fn fake_tsdb_current(dsn: &str, replayed: Schema) -> Result<Loaded, LoadError> {
    let mut loaded = migrator_postgres::introspect::introspect(dsn)?;
    // The index `create_hypertable` makes on the time column exists only on TimescaleDB:
    // take the hypertables' indexes the plain database lacks from the replay.
    let hypertables: Vec<String> = replayed
        .dialect_objects
        .values()
        .filter(|o| o.kind() == "hypertable")
        .map(|o| o.name.name.clone())
        .collect();
    for (name, index) in &replayed.indexes {
        let on_hypertable = hypertables.contains(&index.table.to_string());
        if on_hypertable && !loaded.schema.indexes.contains_key(name) {
            loaded.schema.indexes.insert(name.clone(), index.clone());
        }
    }
    loaded.schema.dialect_objects = replayed.dialect_objects;
    if let Some(ext) = replayed.extensions.get(EXTENSION) {
        loaded
            .schema
            .extensions
            .insert(EXTENSION.to_string(), ext.clone());
    }
    assume_extension(&mut loaded.schema);
    Ok(loaded)
}
