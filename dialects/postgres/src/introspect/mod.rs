//! Live catalog introspection over tokio-postgres (connections: [`crate::connection`]).
//!
//! One batched query per object kind (never one per table), all in one `REPEATABLE READ, READ
//! ONLY` snapshot so the catalog is read consistently. [`introspect_with`] shares the queries
//! between two connections in that snapshot, the costliest on the second (`parallel`), and
//! falls back to one connection when a second cannot join; [`read_schema_with`] pipelines
//! them all on the connection it is given. Either way the rows are read in the registry's
//! order, so the schema is the same.
//! System schemas and objects owned by extensions are left out. Primary keys, unique and
//! foreign keys, and indexes on plain columns are read as structured catalog rows (column
//! names, sort options, actions); expressions (defaults, CHECKs, predicates) as `pg_get_expr`
//! text normalised by the same code as the desired files'. What has no structured form here
//! (EXCLUDE, indexes on expressions or with operator classes, views) is read with
//! `pg_get_constraintdef`, `pg_get_indexdef` and `pg_get_viewdef` and put through the SQL
//! interpreter.
//!
//! Each kind's query and row mapping live in its slice (`crate::kinds::<kind>::catalog`, rows
//! read by column name); this module holds what they share: the public entry points, the
//! transaction and the pipelining (on two connections: `parallel`); the kinds and their order
//! come from the registry (`crate::kinds::SLICES`).
//! The state they read into is in `context`.

mod context;
mod parallel;

pub(crate) use context::{
    first_statement, not_extension_member, printed_once, Catalog, RowExt, Scope, PG_CLASS,
    PG_CONSTRAINT,
};

use crate::connection::with_client;
use crate::extension::PgExtension;
use crate::kinds::SLICES;
use futures_util::stream::{FuturesOrdered, StreamExt};
use migrator_core::dialect::{LoadError, Loaded};
use std::sync::Arc;
use tokio_postgres::{Client, Row};

fn db_err(e: tokio_postgres::Error) -> LoadError {
    LoadError::Database(format!(
        "catalog query failed: {}",
        crate::connection::describe_error(&e)
    ))
}

/// What every connection of an introspection runs first: one read-only snapshot, names
/// printed fully qualified, room for the sorts and hashes of the bigger queries, and no JIT
/// compilation. At 10,000 tables the columns' and the tables' queries cross the planner's
/// JIT thresholds, and compiling them took 2.5 s of the columns' 3.5 s (PostgreSQL 15);
/// these queries run once, so compiling never pays. `jit` exists from PostgreSQL 11 on:
/// it is set through `pg_settings` so that an older server skips it.
const BEGIN: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
const SETTINGS: &str = "SET LOCAL search_path = ''; SET LOCAL work_mem = '64MB'; \
     SELECT set_config(name, 'off', true) FROM pg_settings WHERE name = 'jit'";

/// Reads the schema of the database at `dsn`.
pub fn introspect(dsn: &str) -> Result<Loaded, LoadError> {
    introspect_with(dsn, &[])
}

/// Reads the schema at `dsn`, with a dialect's extensions adding their own objects: on two
/// connections sharing one snapshot when the server allows it, else on one
/// (`parallel`).
pub fn introspect_with(
    dsn: &str,
    extensions: &[Arc<dyn PgExtension>],
) -> Result<Loaded, LoadError> {
    introspect_as(dsn, extensions, Reading::Parallel).map(|(loaded, _)| loaded)
}

/// How the catalog was read: on one connection, or shared with a second one in the same
/// snapshot.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    OneConnection,
    Parallel,
}

/// [`introspect_with`], asking for a way of reading (`OneConnection` forces the single
/// connection) and telling which one was taken: `Parallel` falls back to one connection when
/// a second cannot join the snapshot. For tests and measurements.
#[doc(hidden)]
pub fn introspect_as(
    dsn: &str,
    extensions: &[Arc<dyn PgExtension>],
    wanted: Reading,
) -> Result<(Loaded, Reading), LoadError> {
    let extensions = extensions.to_vec();
    let dsn_owned = dsn.to_string();
    with_client(dsn, move |client| {
        Box::pin(async move {
            match wanted {
                Reading::Parallel => parallel::read_schema(client, &dsn_owned, &extensions).await,
                Reading::OneConnection => read_schema_with(client, &extensions)
                    .await
                    .map(|loaded| (loaded, Reading::OneConnection)),
            }
        })
    })
}

/// Reads every object kind, one query each, in one read-only snapshot.
pub async fn read_schema(client: &Client) -> Result<Loaded, LoadError> {
    read_schema_with(client, &[]).await
}

/// [`read_schema`], then each extension's queries in the same snapshot, all on `client`.
pub async fn read_schema_with(
    client: &Client,
    extensions: &[Arc<dyn PgExtension>],
) -> Result<Loaded, LoadError> {
    client
        .batch_execute(&format!("{BEGIN}; {SETTINGS}"))
        .await
        .map_err(db_err)?;
    let result = async {
        let mut loaded = read_all(client).await?;
        read_extensions(client, extensions, &mut loaded).await?;
        Ok(loaded)
    }
    .await;
    // Always end the transaction: on shared-backend servers an open one would leak.
    let _ = client.batch_execute("ROLLBACK").await;
    result
}

/// Each extension's queries, on `client` (in the snapshot the kinds were read in).
async fn read_extensions(
    client: &Client,
    extensions: &[Arc<dyn PgExtension>],
    loaded: &mut Loaded,
) -> Result<(), LoadError> {
    for e in extensions {
        let mut rows = Vec::new();
        for q in e.catalog_queries() {
            let r = client.query(q.as_str(), &[]).await.map_err(db_err)?;
            rows.push(
                r.iter()
                    .map(|row| row.get::<_, serde_json::Value>(0))
                    .collect(),
            );
        }
        e.read_catalog(rows, &mut loaded.schema)
            .map_err(LoadError::Database)?;
    }
    Ok(())
}

/// One object kind's part of introspection, defined in its slice
/// (`crate::kinds::<kind>::catalog::KIND`).
pub(crate) struct CatalogKind {
    /// Its one catalog query (never one per table).
    pub query: fn(&Scope) -> String,
    /// Maps the query's rows, by column name, into the [`Catalog`].
    pub read: fn(Vec<Row>, &mut Catalog) -> Result<(), LoadError>,
    /// What its query costs the server, roughly in milliseconds at 2,000 tables: the
    /// costliest are read on a second connection when there is one (`parallel`).
    pub cost: u32,
}

impl CatalogKind {
    /// A kind's query, its row mapping and the cost of its query.
    pub(crate) const fn new(
        query: fn(&Scope) -> String,
        read: fn(Vec<Row>, &mut Catalog) -> Result<(), LoadError>,
        cost: u32,
    ) -> Self {
        CatalogKind { query, read, cost }
    }
}

/// The rows of the next pipelined query.
async fn next_rows<S>(pending: &mut S) -> Result<Vec<Row>, LoadError>
where
    S: futures_util::Stream<Item = Result<Vec<Row>, tokio_postgres::Error>> + Unpin,
{
    pending
        .next()
        .await
        .unwrap_or_else(|| Ok(Vec::new()))
        .map_err(db_err)
}

/// Every kind's query, pipelined on the one connection, and its rows read in the registry's
/// order.
async fn read_all(client: &Client) -> Result<Loaded, LoadError> {
    let version: String = client
        .query_one("SHOW server_version_num", &[])
        .await
        .map_err(db_err)?
        .col("server_version_num")?;
    let scope = Scope::new(version.parse::<u32>().unwrap_or(0));
    let queries: Vec<String> = SLICES.iter().map(|k| (k.catalog.query)(&scope)).collect();
    // The server works on the next query while the rows of the previous one are being
    // turned into objects here.
    let mut pending: FuturesOrdered<_> = queries
        .iter()
        .map(|q| client.query(q.as_str(), &[]))
        .collect();
    let mut catalog = Catalog::default();
    for kind in SLICES {
        (kind.catalog.read)(next_rows(&mut pending).await?, &mut catalog)?;
    }
    catalog.finish()
}
