//! Reading the catalog on two connections in one snapshot, as `pg_dump -j` does.
//!
//! The first connection opens the `REPEATABLE READ READ ONLY` transaction and exports its
//! snapshot (`pg_export_snapshot`); a second connection, opened meanwhile, imports it
//! (`SET TRANSACTION SNAPSHOT`) and runs the costliest kinds' queries ([`CatalogKind::cost`])
//! while the first runs the others. Both see the same catalog, and the rows are still read
//! into one [`Catalog`] in the registry's order, so the schema is the one a single
//! connection reads. Neither connection ever writes.
//!
//! The second connection is a bonus, never a requirement: when it cannot be opened or
//! cannot import the snapshot (PgBouncer, `max_connections` or a role's connection limit
//! reached, a server that serves one connection at a time and leaves the next one waiting,
//! a standby that does not export snapshots), or has not joined by the time the first
//! connection has run its own share, the first connection runs the second's share too,
//! silently. A query that fails on the second connection is run again on the first.
//! Extensions' queries run on the first connection, in the same snapshot.

use super::{
    db_err, read_extensions, read_schema_with, Catalog, CatalogKind, Reading, RowExt, Scope, BEGIN,
    SETTINGS,
};
use crate::connection::connect;
use crate::extension::PgExtension;
use crate::kinds::SLICES;
use futures_util::stream::{FuturesOrdered, StreamExt};
use migrator_core::dialect::{LoadError, Loaded};
use std::cell::OnceCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;
use tokio::task::JoinHandle;
use tokio_postgres::{Client, Row};

/// Reads every kind in one snapshot, sharing the queries with a second connection when one
/// can join it; then the extensions' queries on `first`. Says which way it read.
pub(super) async fn read_schema(
    first: &Client,
    dsn: &str,
    extensions: &[Arc<dyn PgExtension>],
) -> Result<(Loaded, Reading), LoadError> {
    let Ok((snapshot, version)) = begin_exporting(first).await else {
        // No snapshot to share (a standby, a server without the function): one connection.
        let _ = first.batch_execute("ROLLBACK").await;
        let loaded = read_schema_with(first, extensions).await?;
        return Ok((loaded, Reading::OneConnection));
    };
    let result = async {
        let scope = Scope::new(version.parse::<u32>().unwrap_or(0));
        let (mut loaded, reading) = read_shared(first, dsn, &snapshot, &scope).await?;
        read_extensions(first, extensions, &mut loaded).await?;
        Ok((loaded, reading))
    }
    .await;
    // Always end the transaction: on shared-backend servers an open one would leak.
    let _ = first.batch_execute("ROLLBACK").await;
    result
}

/// Opens the first connection's transaction and exports its snapshot: the snapshot's id and
/// `server_version_num`.
async fn begin_exporting(first: &Client) -> Result<(String, String), LoadError> {
    first
        .batch_execute(&format!("{BEGIN}; {SETTINGS}"))
        .await
        .map_err(db_err)?;
    let row = first
        .query_one(
            "SELECT pg_export_snapshot() AS snapshot, \
             current_setting('server_version_num') AS server_version_num",
            &[],
        )
        .await
        .map_err(db_err)?;
    let snapshot: String = row.col("snapshot")?;
    // It is spliced into SQL: only the characters PostgreSQL's ids are made of.
    if snapshot.is_empty() || !snapshot.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(LoadError::Database(format!(
            "unexpected snapshot id `{snapshot}`"
        )));
    }
    Ok((snapshot, row.col("server_version_num")?))
}

/// A second connection in the snapshot `snapshot`, or `None` when there cannot be one.
async fn join_snapshot(dsn: &str, snapshot: &str) -> Option<(Client, JoinHandle<()>)> {
    let (client, conn) = connect(dsn).await.ok()?;
    let begin = format!("{BEGIN}; SET TRANSACTION SNAPSHOT '{snapshot}'; {SETTINGS}");
    if client.batch_execute(&begin).await.is_ok() {
        return Some((client, conn));
    }
    let _ = client.batch_execute("ROLLBACK").await;
    drop(client);
    let _ = conn.await;
    None
}

/// The registry indices of the kinds the second connection reads: the costliest ones,
/// heaviest first, until they make at least half of the total cost (at 2,000 tables:
/// columns and indexes; measured faster than the shares closer to half, which leave the
/// first connection more rows to wait on). The first connection keeps at least one kind.
fn second_share(kinds: &[&CatalogKind]) -> Vec<usize> {
    let total: u64 = kinds.iter().map(|k| u64::from(k.cost)).sum();
    let mut by_cost: Vec<usize> = (0..kinds.len()).collect();
    by_cost.sort_by_key(|&i| std::cmp::Reverse(kinds[i].cost));
    let (mut share, mut taken) = (0u64, Vec::new());
    for i in by_cost {
        if 2 * share >= total || taken.len() + 1 == kinds.len() {
            break;
        }
        share += u64::from(kinds[i].cost);
        taken.push(i);
    }
    taken.sort_unstable();
    taken
}

/// One pipelined catalog query: the kind's registry index and its rows. The one that ends
/// the second connection's transaction has index [`usize::MAX`].
type Fetch<'a> =
    Pin<Box<dyn Future<Output = (usize, Result<Vec<Row>, tokio_postgres::Error>)> + 'a>>;

fn fetch<'a>(client: &'a Client, queries: &'a [String], i: usize) -> Fetch<'a> {
    Box::pin(async move { (i, client.query(queries[i].as_str(), &[]).await) })
}

fn rollback(client: &Client) -> Fetch<'_> {
    Box::pin(async move {
        (
            usize::MAX,
            client.batch_execute("ROLLBACK").await.map(|_| vec![]),
        )
    })
}

/// What [`read_shared`] waits for.
enum Event {
    /// The second connection has joined the snapshot, or cannot.
    Joined(Option<(Client, JoinHandle<()>)>),
    /// A query of the first connection has its rows.
    First((usize, Result<Vec<Row>, tokio_postgres::Error>)),
    /// A query of the second connection has its rows.
    Second((usize, Result<Vec<Row>, tokio_postgres::Error>)),
}

/// Every kind's query, on `first` and a second connection joining `snapshot`, the rows read
/// into one [`Catalog`] in the registry's order as they arrive.
async fn read_shared(
    first: &Client,
    dsn: &str,
    snapshot: &str,
    scope: &Scope,
) -> Result<(Loaded, Reading), LoadError> {
    let kinds: Vec<&CatalogKind> = SLICES.iter().map(|s| &s.catalog).collect();
    let queries: Vec<String> = kinds.iter().map(|k| (k.query)(scope)).collect();
    let share = second_share(&kinds);
    let second: OnceCell<Client> = OnceCell::new();
    let mut conn = None;
    let mut first_lane: FuturesOrdered<Fetch> = (0..kinds.len())
        .filter(|i| !share.contains(i))
        .map(|i| fetch(first, &queries, i))
        .collect();
    let mut second_lane: FuturesOrdered<Fetch> = FuturesOrdered::new();
    let mut joining = Some(Box::pin(join_snapshot(dsn, snapshot)));
    let mut reading = Reading::OneConnection;
    let mut rows: Vec<Option<Vec<Row>>> = kinds.iter().map(|_| None).collect();
    let mut catalog = Catalog::default();
    let mut next = 0;
    while next < kinds.len() {
        if let Some(r) = rows[next].take() {
            (kinds[next].read)(r, &mut catalog)?;
            next += 1;
            continue;
        }
        let event = std::future::poll_fn(|cx| {
            if let Some(j) = joining.as_mut() {
                if let Poll::Ready(r) = j.as_mut().poll(cx) {
                    return Poll::Ready(Event::Joined(r));
                }
            }
            if let Poll::Ready(Some(r)) = first_lane.poll_next_unpin(cx) {
                return Poll::Ready(Event::First(r));
            }
            if let Poll::Ready(Some(r)) = second_lane.poll_next_unpin(cx) {
                return Poll::Ready(Event::Second(r));
            }
            Poll::Pending
        })
        .await;
        match event {
            Event::Joined(Some((client, handle))) => {
                joining = None;
                conn = Some(handle);
                let client = second.get_or_init(|| client);
                second_lane.extend(share.iter().map(|&i| fetch(client, &queries, i)));
                reading = Reading::Parallel;
            }
            Event::Joined(None) => {
                joining = None;
                first_lane.extend(share.iter().map(|&i| fetch(first, &queries, i)));
            }
            Event::First((i, r)) => {
                rows[i] = Some(r.map_err(db_err)?);
                // The first connection has run its share before the second joined: it runs
                // the second's too rather than wait.
                if first_lane.is_empty() && joining.take().is_some() {
                    first_lane.extend(share.iter().map(|&i| fetch(first, &queries, i)));
                }
            }
            Event::Second((usize::MAX, _)) => {}
            Event::Second((i, r)) => {
                match r {
                    Ok(r) => rows[i] = Some(r),
                    // Whatever went wrong there, the first connection sees the same snapshot.
                    Err(_) => first_lane.push_back(fetch(first, &queries, i)),
                }
                // Only once every query has its rows: `query` sends its Bind and Execute
                // after its Parse is answered, so a ROLLBACK sent with them would overtake
                // them, and they would run outside the snapshot.
                if second_lane.is_empty() {
                    if let Some(client) = second.get() {
                        second_lane.push_back(rollback(client));
                    }
                }
            }
        }
    }
    while second_lane.next().await.is_some() {}
    drop((first_lane, second_lane, joining));
    drop(second);
    if let Some(conn) = conn {
        let _ = conn.await;
    }
    Ok((catalog.finish()?, reading))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(cost: u32) -> CatalogKind {
        CatalogKind {
            query: |_| String::new(),
            read: |_, _| Ok(()),
            cost,
        }
    }

    #[test]
    fn the_second_connection_takes_the_costliest_kinds_up_to_half() {
        let kinds = [kind(1), kind(220), kind(113), kind(1), kind(176), kind(40)];
        let refs: Vec<&CatalogKind> = kinds.iter().collect();
        // 551 in all: 220 is less than half, 220 + 176 more.
        assert_eq!(second_share(&refs), vec![1, 4]);
        let light = [kind(1), kind(1)];
        let refs: Vec<&CatalogKind> = light.iter().collect();
        assert_eq!(second_share(&refs), vec![0]);
    }
}
