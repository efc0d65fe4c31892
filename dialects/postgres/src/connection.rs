//! Connections: a client on a private runtime, DSNs kept out of messages, and running a
//! migration file the way golang-migrate does.

use migrator_core::dialect::{Bookkeeping, Database, LoadError};
use migrator_core::schema::QualifiedName;
use migrator_core::workflow::rows::{Seeded, TableRows};
use std::collections::BTreeSet;
use tokio_postgres::{Client, NoTls};

/// Where a DSN points, for messages: host, port and database, never the user or password.
pub fn describe_dsn(dsn: &str) -> String {
    match dsn.parse::<tokio_postgres::Config>() {
        Ok(c) => {
            let host = c
                .get_hosts()
                .first()
                .map(|h| match h {
                    tokio_postgres::config::Host::Tcp(s) => s.clone(),
                    #[cfg(unix)]
                    tokio_postgres::config::Host::Unix(p) => p.display().to_string(),
                })
                .unwrap_or_else(|| "localhost".into());
            let port = c.get_ports().first().copied().unwrap_or(5432);
            format!(
                "{host}:{port}/{}",
                c.get_dbname().unwrap_or("(default database)")
            )
        }
        Err(_) => "(unparseable DSN)".into(),
    }
}

/// Runs `f` with a connected client on a private single-threaded runtime.
pub fn with_client<T>(
    dsn: &str,
    f: impl for<'c> FnOnce(
        &'c Client,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<T, LoadError>> + 'c>,
    >,
) -> Result<T, LoadError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| LoadError::Other(format!("cannot start the async runtime: {e}")))?;
    rt.block_on(async {
        let (client, conn) = connect(dsn).await?;
        let out = f(&client).await;
        drop(client);
        let _ = conn.await;
        out
    })
}

/// A client connected to `dsn`, and the task (on the current runtime) that drives its
/// connection: it ends once the client is dropped.
pub(crate) async fn connect(dsn: &str) -> Result<(Client, tokio::task::JoinHandle<()>), LoadError> {
    let config: tokio_postgres::Config = dsn.parse().map_err(|e: tokio_postgres::Error| {
        LoadError::Database(format!("invalid DSN: {}", scrub(&e.to_string(), dsn)))
    })?;
    let (client, connection) = config.connect(NoTls).await.map_err(|e| {
        LoadError::Database(format!(
            "cannot connect to the database at {}: {}",
            describe_dsn(dsn),
            scrub(&describe_error(&e), dsn)
        ))
    })?;
    let conn = tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok((client, conn))
}

/// A driver error as PostgreSQL reports it: severity, message, detail, hint and SQLSTATE
/// for an error the server sent; otherwise the driver's message with its causes (a refused
/// connection, a closed socket, a TLS failure).
pub fn describe_error(e: &tokio_postgres::Error) -> String {
    let Some(d) = e.as_db_error() else {
        let mut out = e.to_string();
        let mut cause = std::error::Error::source(e);
        while let Some(c) = cause {
            out.push_str(&format!(": {c}"));
            cause = c.source();
        }
        return out;
    };
    let mut out = format!("{}: {}", d.severity(), d.message());
    if let Some(detail) = d.detail() {
        out.push_str(&format!("\nDETAIL: {detail}"));
    }
    if let Some(hint) = d.hint() {
        out.push_str(&format!("\nHINT: {hint}"));
    }
    out.push_str(&format!("\nSQLSTATE: {}", d.code().code()));
    out
}

/// Removes anything of the DSN (which may hold a password) from a driver message.
fn scrub(message: &str, dsn: &str) -> String {
    let mut out = message.replace(dsn, "<dsn>");
    if let Ok(c) = dsn.parse::<tokio_postgres::Config>() {
        if let Some(p) = c.get_password() {
            let p = String::from_utf8_lossy(p).to_string();
            if !p.is_empty() {
                out = out.replace(&p, "***");
            }
        }
    }
    out
}

/// The server's major version (`server_version_num` / 10000, e.g. 15).
pub fn server_version(dsn: &str) -> Result<u32, LoadError> {
    with_client(dsn, |client| {
        Box::pin(async move {
            let row = client
                .query_one("SELECT current_setting('server_version_num')", &[])
                .await
                .map_err(|e| {
                    LoadError::Database(format!(
                        "cannot read the server version: {}",
                        describe_error(&e)
                    ))
                })?;
            let num: String = row.get(0);
            num.trim()
                .parse::<u32>()
                .map(|n| n / 10000)
                .map_err(|_| LoadError::Database(format!("unexpected server_version_num `{num}`")))
        })
    })
}

/// Runs `sql` as one simple-query `Exec` (a whole migration file, as golang-migrate sends
/// it). An error is PostgreSQL's own (see [`describe_error`]); it is a
/// [`LoadError::Sql`] with the line of the file (and no file name, which the caller knows)
/// when PostgreSQL reports a position.
pub fn execute(dsn: &str, sql: &str) -> Result<(), LoadError> {
    let sql = sql.to_string();
    with_client(dsn, move |client| {
        Box::pin(async move {
            let result = client.batch_execute(&sql).await;
            // A failed implicit transaction is rolled back by the server; an explicit one
            // left open (a failing statement between BEGIN and COMMIT) is ended here.
            let _ = client.batch_execute("ROLLBACK").await;
            result.map_err(|e| {
                let message = describe_error(&e);
                match e.as_db_error().and_then(|d| d.position()) {
                    Some(tokio_postgres::error::ErrorPosition::Original(p)) => {
                        // The position counts characters from 1.
                        let before = sql.chars().take((*p as usize).saturating_sub(1));
                        let line = before.filter(|c| *c == '\n').count() + 1;
                        LoadError::Sql {
                            file: String::new(),
                            line,
                            message,
                        }
                    }
                    _ => LoadError::Database(message),
                }
            })
        })
    })
}

/// A migration tool's bookkeeping table (`migrator status`), in one READ ONLY transaction:
/// `None` when `table` is not on the search path, else its schema and the rows of `query`
/// as text.
pub fn read_bookkeeping(
    dsn: &str,
    table: &str,
    query: &str,
) -> Result<Option<Bookkeeping>, LoadError> {
    use tokio_postgres::SimpleQueryMessage;
    let (table, query) = (table.to_string(), query.to_string());
    with_client(dsn, move |client| {
        Box::pin(async move {
            let fail = |e: tokio_postgres::Error| {
                LoadError::Database(format!("cannot read {table}: {}", describe_error(&e)))
            };
            client
                .batch_execute("BEGIN TRANSACTION READ ONLY")
                .await
                .map_err(fail)?;
            let found = client
                .query_opt(
                    "SELECT n.nspname::text FROM pg_catalog.pg_class c \
                     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
                     WHERE c.oid = pg_catalog.to_regclass($1)",
                    &[&table],
                )
                .await
                .map_err(fail)?;
            let Some(found) = found else {
                let _ = client.batch_execute("COMMIT").await;
                return Ok(None);
            };
            let messages = client.simple_query(&query).await.map_err(fail)?;
            let _ = client.batch_execute("COMMIT").await;
            let rows = messages
                .iter()
                .filter_map(|m| match m {
                    SimpleQueryMessage::Row(r) => {
                        Some((0..r.len()).map(|i| r.get(i).map(str::to_string)).collect())
                    }
                    _ => None,
                })
                .collect();
            Ok(Some(Bookkeeping {
                schema: found.get(0),
                rows,
            }))
        })
    })
}

/// PostgreSQL's [`Database`]: the functions above, and the seeding and row reading of
/// `verify --with-data` (`crate::seed`).
#[derive(Debug, Clone, Copy)]
pub struct PgDatabase;

impl Database for PgDatabase {
    fn server_version(&self, dsn: &str) -> Result<u32, LoadError> {
        server_version(dsn)
    }

    fn execute(&self, dsn: &str, sql: &str) -> Result<(), LoadError> {
        execute(dsn, sql)
    }

    fn read_bookkeeping(
        &self,
        dsn: &str,
        table: &str,
        query: &str,
    ) -> Result<Option<Bookkeeping>, LoadError> {
        read_bookkeeping(dsn, table, query)
    }

    fn seed(&self, dsn: &str, tables: &BTreeSet<QualifiedName>) -> Result<Vec<Seeded>, LoadError> {
        crate::seed::seed(dsn, tables)
    }

    fn read_rows(&self, dsn: &str) -> Result<Vec<TableRows>, LoadError> {
        crate::seed::read_rows(dsn)
    }
}
