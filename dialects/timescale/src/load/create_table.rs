//! `CREATE TABLE … WITH (tsdb.hypertable, …)` (TimescaleDB 2.20+, also spelled
//! `timescaledb.`): PostgreSQL's interpreter creates the table from the statement without
//! TimescaleDB's options, and the options become what `create_hypertable`, `ALTER TABLE …
//! SET (timescaledb.compress …)` and `add_columnstore_policy` would have made. Measured on
//! TimescaleDB 2.23: the partitioning column defaults to the first `timestamp`/`timestamptz`
//! column, the chunk interval to 7 days (1000000 for an integer column), the columnstore is
//! enabled unless `tsdb.columnstore = false`, and then a columnstore policy compresses
//! chunks older than one chunk interval, scheduled daily.

use super::args::{bool_arg, DAY_US};
use super::hypertable::insert_hypertable;
use super::{orderby_list, segmentby_list, Cx, R};
use crate::interval::Interval;
use crate::objects::*;
use migrator_core::schema::{QualifiedName, Schema};
use migrator_postgres::extension::StatementContext;
use migrator_postgres::normalize::const_text;
use pg_query::protobuf::{self as pb, node::Node as N};

/// The default chunk interval of an integer partitioning column (measured).
const INTEGER_CHUNK: i64 = 1_000_000;

/// TimescaleDB's options of the statement, read.
#[derive(Debug, Default, PartialEq)]
struct Options {
    hypertable: bool,
    partition_column: Option<String>,
    chunk_interval: Option<String>,
    default_indexes: bool,
    columnstore: bool,
    segmentby: Vec<String>,
    orderby: Vec<String>,
}

/// True for an option in TimescaleDB's namespaces.
fn is_tsdb(d: &pb::DefElem) -> bool {
    matches!(d.defnamespace.as_str(), "timescaledb" | "tsdb")
}

fn read_options(options: &[&pb::DefElem]) -> R<Options> {
    let mut o = Options {
        default_indexes: true,
        columnstore: true,
        ..Options::default()
    };
    for d in options {
        let value = d.arg.as_deref();
        let text = || value.map(const_text).unwrap_or_default();
        let flag = || {
            value
                .map_or(Some(true), bool_arg)
                .ok_or(format!("tsdb.{} takes true or false", d.defname))
        };
        match d.defname.as_str() {
            "hypertable" => o.hypertable = flag()?,
            "partition_column" => o.partition_column = Some(text()),
            "chunk_interval" => o.chunk_interval = Some(text()),
            "create_default_indexes" => o.default_indexes = flag()?,
            "columnstore" | "enable_columnstore" | "compress" => o.columnstore = flag()?,
            "segmentby" | "compress_segmentby" => o.segmentby = segmentby_list(&text())?,
            "orderby" | "compress_orderby" => o.orderby = orderby_list(&text())?,
            other => {
                return Err(format!(
                    "CREATE TABLE … WITH (tsdb.{other}) is not supported yet by the timescale dialect (see docs/TIMESCALE.md)"
                ))
            }
        }
    }
    if !o.hypertable {
        return Err(
            "CREATE TABLE … WITH (tsdb.…) needs tsdb.hypertable, as TimescaleDB does".into(),
        );
    }
    Ok(o)
}

/// The TimescaleDB options of `s` (`tsdb.…`, `timescaledb.…`).
fn tsdb_options(s: &pb::CreateStmt) -> Vec<&pb::DefElem> {
    s.options
        .iter()
        .filter_map(|n| match &n.node {
            Some(N::DefElem(d)) if is_tsdb(d) => Some(&**d),
            _ => None,
        })
        .collect()
}

/// Applies `s`, a `CREATE TABLE` with TimescaleDB options.
pub(super) fn create_table(s: &pb::CreateStmt, cx: &mut StatementContext<'_>) -> R<()> {
    let o = read_options(&tsdb_options(s))?;
    let mut plain = s.clone();
    plain
        .options
        .retain(|n| !matches!(&n.node, Some(N::DefElem(d)) if is_tsdb(d)));
    cx.apply_postgres(&N::CreateStmt(plain))?;
    let rv = s.relation.as_ref().ok_or("CREATE TABLE without a name")?;
    let (names, schema) = cx.names_and_schema();
    let c = Cx { names };
    let schema_name = if rv.schemaname.is_empty() {
        c.creation_schema()
    } else {
        rv.schemaname.clone()
    };
    let table = QualifiedName::new(schema_name, rv.relname.clone());
    hypertable_from(o, table, schema)
}

/// The hypertable, compression settings and columnstore policy `o` make of `table`.
fn hypertable_from(o: Options, table: QualifiedName, schema: &mut Schema) -> R<()> {
    let t = schema
        .tables
        .get(&table)
        .ok_or_else(|| format!("table {table} does not exist"))?;
    let time_column = match o.partition_column {
        Some(c) => c,
        None => t
            .columns
            .iter()
            .find(|c| c.data_type.starts_with("timestamp"))
            .map(|c| c.name.clone())
            .ok_or_else(|| format!("{table}: the partitioning column cannot be determined (no timestamp column); name it with tsdb.partition_column"))?,
    };
    let integer = Cx::is_integer_column(schema, &table, &time_column)?;
    let chunk_interval = match (&o.chunk_interval, integer) {
        (None, true) => INTEGER_CHUNK,
        (None, false) => 7 * DAY_US,
        (Some(i), true) => i
            .trim()
            .parse()
            .map_err(|_| format!("tsdb.chunk_interval '{i}': an integer column needs a number"))?,
        (Some(i), false) => match i.trim().parse::<i64>() {
            Ok(us) => us,
            Err(_) => Interval::parse(i)
                .map_err(|e| format!("tsdb.chunk_interval: {e}"))?
                .total_micros(),
        },
    };
    let h = Hypertable {
        table: table.clone(),
        time_column,
        chunk_interval,
        integer,
        dimensions: vec![],
        integer_now_func: None,
    };
    insert_hypertable(schema, h, o.default_indexes)?;
    if !o.columnstore {
        return Ok(());
    }
    Compression {
        table: table.clone(),
        segmentby: o.segmentby,
        orderby: o.orderby,
    }
    .insert(schema);
    let lag = if integer {
        Lag::Integer(chunk_interval)
    } else {
        Lag::Interval(Interval::from_micros(chunk_interval).canonical())
    };
    let p = ChunkPolicy {
        table,
        lag,
        schedule_interval: "1 day".into(),
    };
    p.insert(schema, &COMPRESSION_POLICY_KIND);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(sql: &str) -> R<Options> {
        let parsed = pg_query::parse(sql, 0).expect("parses");
        let stmt = parsed.protobuf.stmts[0].stmt.clone().unwrap().node.unwrap();
        let N::CreateStmt(s) = stmt else {
            panic!("not a CREATE TABLE")
        };
        read_options(&tsdb_options(&s))
    }

    #[test]
    fn both_namespaces_and_the_columnstore_spellings_read_the_same() {
        let a = options("CREATE TABLE t (ts timestamptz) WITH (tsdb.hypertable, tsdb.partition_column = 'ts', tsdb.segmentby = 'd', tsdb.orderby = 'ts DESC', tsdb.chunk_interval = '1 day', fillfactor = 70)").unwrap();
        let b = options("CREATE TABLE t (ts timestamptz) WITH (timescaledb.hypertable = true, timescaledb.partition_column = 'ts', timescaledb.compress_segmentby = 'd', timescaledb.compress_orderby = '\"ts\" desc', timescaledb.chunk_interval = '24 hours')").unwrap();
        assert_eq!(a.segmentby, b.segmentby);
        assert_eq!(a.orderby, b.orderby);
        assert!(a.columnstore && a.default_indexes && a.hypertable);
        let off = options("CREATE TABLE t (ts timestamptz) WITH (tsdb.hypertable, tsdb.columnstore = false, tsdb.create_default_indexes = false)").unwrap();
        assert!(!off.columnstore && !off.default_indexes);
    }

    #[test]
    fn what_is_not_supported_or_not_a_hypertable_is_an_error() {
        let e = |sql: &str| options(sql).unwrap_err();
        assert!(e(
            "CREATE TABLE t (ts timestamptz) WITH (tsdb.hypertable, tsdb.associated_schema = 'x')"
        )
        .contains("tsdb.associated_schema"));
        assert!(e("CREATE TABLE t (ts timestamptz) WITH (tsdb.hypertable, tsdb.sparse_index = 'minmax(v)')").contains("sparse_index"));
        assert!(
            e("CREATE TABLE t (ts timestamptz) WITH (tsdb.partition_column = 'ts')")
                .contains("tsdb.hypertable")
        );
    }
}
