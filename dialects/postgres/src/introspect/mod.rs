//! Live catalog introspection over tokio-postgres (connections: [`crate::connection`]).
//!
//! One batched query per object kind (never one per table), all pipelined on one connection
//! inside a single `REPEATABLE READ, READ ONLY` transaction so the snapshot is consistent.
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
//! transaction and the pipelining; the kinds and their order come from the registry
//! (`crate::kinds::SLICES`).
//! The state they read into is in `context`.

mod context;

pub(crate) use context::{
    first_statement, not_extension_member, Catalog, RowExt, Scope, PG_CLASS, PG_CONSTRAINT,
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

/// Reads the schema of the database at `dsn`.
pub fn introspect(dsn: &str) -> Result<Loaded, LoadError> {
    introspect_with(dsn, &[])
}

/// Reads the schema at `dsn`, with a dialect's extensions adding their own objects.
pub fn introspect_with(
    dsn: &str,
    extensions: &[Arc<dyn PgExtension>],
) -> Result<Loaded, LoadError> {
    let extensions = extensions.to_vec();
    with_client(dsn, move |client| {
        Box::pin(async move { read_schema_with(client, &extensions).await })
    })
}

/// Reads every object kind, one query each, in one read-only snapshot.
pub async fn read_schema(client: &Client) -> Result<Loaded, LoadError> {
    read_schema_with(client, &[]).await
}

/// [`read_schema`], then each extension's queries in the same snapshot.
pub async fn read_schema_with(
    client: &Client,
    extensions: &[Arc<dyn PgExtension>],
) -> Result<Loaded, LoadError> {
    client
        .batch_execute(
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = ''; \
             SET LOCAL work_mem = '64MB'",
        )
        .await
        .map_err(db_err)?;
    let result = async {
        let mut loaded = read_all(client).await?;
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
        Ok(loaded)
    }
    .await;
    // Always end the transaction: on shared-backend servers an open one would leak.
    let _ = client.batch_execute("ROLLBACK").await;
    result
}

/// One object kind's part of introspection, defined in its slice
/// (`crate::kinds::<kind>::catalog::KIND`).
pub(crate) struct CatalogKind {
    /// Its one catalog query (never one per table).
    pub query: fn(&Scope) -> String,
    /// Maps the query's rows, by column name, into the [`Catalog`].
    pub read: fn(Vec<Row>, &mut Catalog) -> Result<(), LoadError>,
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
