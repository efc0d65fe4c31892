//! TimescaleDB objects in a live catalog: the introspection [`PgExtension`].
//!
//! PostgreSQL's introspection reads the tables, columns, constraints and indexes of
//! hypertables as it reads any table, and leaves out TimescaleDB's internal schemas (they
//! belong to the extension). This adds the TimescaleDB objects, read from the
//! `timescaledb_information` views
//! (<https://docs.timescale.com/api/latest/informational-views/>) in the same read-only
//! snapshot, and removes what PostgreSQL reports but TimescaleDB owns: the user views of
//! continuous aggregates.

use crate::interval::Interval;
use crate::load::{
    cagg_index_from_stmt, cagg_index_key, orderby_list, refresh_key, segmentby_list,
};
use crate::objects::*;
use crate::query::canonical_query_text;
use migrator_core::schema::{QualifiedName, Schema};
use migrator_postgres::extension::PgExtension;
use pg_query::protobuf::node::Node as N;
use serde_json::Value;

type R<T> = Result<T, String>;

/// The catalog hook.
#[derive(Default)]
pub struct TimescaleCatalog;

const HYPERTABLES: &str = "\
SELECT json_build_object( \
  'schema', h.hypertable_schema, 'table', h.hypertable_name, \
  'compression', h.compression_enabled, 'segmentby', s.segmentby, 'orderby', s.orderby, \
  'dims', (SELECT json_agg(json_build_object( \
              'column', d.column_name, 'type', d.dimension_type, \
              'interval_us', (extract(epoch FROM d.time_interval) * 1000000)::bigint, \
              'integer_interval', d.integer_interval, 'partitions', d.num_partitions) \
            ORDER BY d.dimension_number) \
           FROM timescaledb_information.dimensions d \
           WHERE d.hypertable_schema = h.hypertable_schema AND d.hypertable_name = h.hypertable_name), \
  'now', (SELECT json_build_object('schema', cd.integer_now_func_schema, 'name', cd.integer_now_func) \
            FROM _timescaledb_catalog.dimension cd \
            JOIN _timescaledb_catalog.hypertable ch ON ch.id = cd.hypertable_id \
           WHERE ch.schema_name = h.hypertable_schema AND ch.table_name = h.hypertable_name \
             AND cd.integer_now_func IS NOT NULL LIMIT 1)) \
FROM timescaledb_information.hypertables h \
LEFT JOIN timescaledb_information.hypertable_compression_settings s \
  ON s.hypertable = format('%I.%I', h.hypertable_schema, h.hypertable_name)::regclass \
WHERE h.hypertable_schema NOT LIKE '\\_timescaledb%' \
ORDER BY h.hypertable_schema, h.hypertable_name";

const JOBS: &str = "\
SELECT json_build_object('proc', j.proc_name, 'schema', j.hypertable_schema, \
  'table', j.hypertable_name, 'schedule', j.schedule_interval::text, 'config', j.config) \
FROM timescaledb_information.jobs j \
WHERE j.proc_schema = '_timescaledb_functions' \
  AND j.proc_name IN ('policy_compression', 'policy_retention', 'policy_reorder', 'policy_refresh_continuous_aggregate') \
ORDER BY j.job_id";

const CAGGS: &str = "\
SELECT json_build_object('schema', c.view_schema, 'view', c.view_name, \
  'materialized_only', c.materialized_only, 'definition', c.view_definition, \
  'source_schema', c.hypertable_schema, 'source', c.hypertable_name, \
  'base_schema', b.view_schema, 'base', b.view_name, \
  'mat_schema', c.materialization_hypertable_schema, 'mat', c.materialization_hypertable_name, \
  'group_indexes', EXISTS (SELECT FROM pg_index i \
      JOIN pg_class ic ON ic.oid = i.indexrelid \
      WHERE i.indrelid = format('%I.%I', c.materialization_hypertable_schema, c.materialization_hypertable_name)::regclass \
        AND i.indnatts > 1 AND ic.relname LIKE '\\_materialized\\_hypertable\\_%')) \
FROM timescaledb_information.continuous_aggregates c \
LEFT JOIN timescaledb_information.continuous_aggregates b \
  ON b.materialization_hypertable_schema = c.hypertable_schema \
 AND b.materialization_hypertable_name = c.hypertable_name \
ORDER BY c.view_schema, c.view_name";

/// Indexes users created on caggs: those on materialization hypertables whose names are
/// not TimescaleDB's own (`_materialized_hypertable_<n>_…`).
const CAGG_INDEXES: &str = "\
SELECT json_build_object('schema', c.view_schema, 'view', c.view_name, \
  'def', pg_get_indexdef(i.indexrelid)) \
FROM pg_index i \
JOIN pg_class ic ON ic.oid = i.indexrelid \
JOIN pg_class t ON t.oid = i.indrelid \
JOIN pg_namespace n ON n.oid = t.relnamespace \
JOIN timescaledb_information.continuous_aggregates c \
  ON c.materialization_hypertable_schema = n.nspname AND c.materialization_hypertable_name = t.relname \
WHERE ic.relname NOT LIKE '\\_materialized\\_hypertable\\_%' \
ORDER BY ic.relname";

fn s(v: &Value, k: &str) -> R<String> {
    v.get(k)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| format!("TimescaleDB catalog: `{k}` missing in {v}"))
}

fn opt_s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string)
}

/// A policy threshold from a job's config: text is an interval, a number an integer.
fn lag(v: Option<&Value>) -> R<Option<Lag>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(Some(Lag::Integer(n.as_i64().unwrap_or_default()))),
        Some(Value::String(t)) => Ok(Some(Lag::Interval(crate::interval::canonical(t)?))),
        Some(other) => Err(format!(
            "TimescaleDB catalog: unexpected policy value {other}"
        )),
    }
}

impl PgExtension for TimescaleCatalog {
    fn catalog_queries(&self) -> Vec<String> {
        [HYPERTABLES, JOBS, CAGGS, CAGG_INDEXES]
            .iter()
            .map(|q| q.to_string())
            .collect()
    }

    fn read_catalog(&self, rows: Vec<Vec<Value>>, schema: &mut Schema) -> R<()> {
        let mut rows = rows.into_iter();
        let (hypertables, jobs, caggs, indexes) = (
            rows.next().unwrap_or_default(),
            rows.next().unwrap_or_default(),
            rows.next().unwrap_or_default(),
            rows.next().unwrap_or_default(),
        );
        for h in &hypertables {
            read_hypertable(h, schema)?;
        }
        // TimescaleDB's own triggers on hypertables (`ts_insert_blocker`,
        // `ts_cagg_invalidation_trigger`) call its internal functions: they come and go
        // with hypertables and caggs and are not the user's.
        schema
            .triggers
            .retain(|_, t| !t.function.schema.starts_with("_timescaledb"));
        read_caggs(&caggs, schema)?;
        for j in &jobs {
            read_job(j, schema)?;
        }
        for i in &indexes {
            let view = QualifiedName::new(s(i, "schema")?, s(i, "view")?);
            let def = s(i, "def")?;
            let parsed = pg_query::parse(&def, 0).map_err(|e| e.to_string())?;
            let Some(N::IndexStmt(stmt)) = parsed
                .protobuf
                .stmts
                .first()
                .and_then(|s| s.stmt.as_deref())
                .and_then(|s| s.node.as_ref())
            else {
                continue;
            };
            let Some((ck, _)) = find_cagg(schema, &view) else {
                continue;
            };
            let idx = cagg_index_from_stmt(stmt, view.clone())
                .map_err(|e| format!("index {} on {view}: {e}", stmt.idxname))?;
            let k = cagg_index_key(&view.schema, &stmt.idxname, &ck);
            insert_object(schema, k, vec![], vec![ck], &idx);
        }
        Ok(())
    }
}

fn read_hypertable(h: &Value, schema: &mut Schema) -> R<()> {
    let table = QualifiedName::new(s(h, "schema")?, s(h, "table")?);
    let dims = h
        .get("dims")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let dim = |d: &Value| -> R<(String, Dimension)> {
        let column = s(d, "column")?;
        let out = if s(d, "type")? == "Space" {
            Dimension::Hash {
                column: column.clone(),
                partitions: d.get("partitions").and_then(Value::as_i64).unwrap_or(0),
            }
        } else {
            match d.get("integer_interval").and_then(Value::as_i64) {
                Some(i) => Dimension::Range {
                    column: column.clone(),
                    interval: i,
                    integer: true,
                },
                None => Dimension::Range {
                    column: column.clone(),
                    interval: d.get("interval_us").and_then(Value::as_i64).unwrap_or(0),
                    integer: false,
                },
            }
        };
        Ok((column, out))
    };
    let mut all = dims.iter().map(dim).collect::<R<Vec<_>>>()?.into_iter();
    let Some((
        time_column,
        Dimension::Range {
            interval, integer, ..
        },
    )) = all.next()
    else {
        return Err(format!(
            "TimescaleDB catalog: hypertable {table} has no time dimension"
        ));
    };
    let hk = table_key(HYPERTABLE, &table);
    let ht = Hypertable {
        table: table.clone(),
        time_column,
        chunk_interval: interval,
        integer,
        dimensions: all.map(|(_, d)| d).collect(),
        integer_now_func: match h.get("now") {
            Some(n @ Value::Object(_)) => Some(QualifiedName::new(s(n, "schema")?, s(n, "name")?)),
            _ => None,
        },
    };
    insert_object(schema, hk.clone(), ht.depends_on(), vec![], &ht);
    if h.get("compression").and_then(Value::as_bool) == Some(true) {
        Compression {
            table: table.clone(),
            segmentby: segmentby_list(&opt_s(h, "segmentby").unwrap_or_default())?,
            orderby: orderby_list(&opt_s(h, "orderby").unwrap_or_default())?,
        }
        .insert(schema);
    }
    Ok(())
}

/// A compression or retention policy job on `table`, whose `config` holds its lag.
fn chunk_policy(
    kind: &ChunkPolicyKind,
    table: QualifiedName,
    config: &Value,
    schedule_interval: String,
    schema: &mut Schema,
) -> R<()> {
    let lag = lag(config.get(kind.lag))?.ok_or_else(|| {
        format!(
            "TimescaleDB catalog: a {} without {} ({} is not supported yet)",
            kind.kind.replace('_', " "),
            kind.lag,
            kind.created_before
        )
    })?;
    let p = ChunkPolicy {
        table,
        lag,
        schedule_interval,
    };
    p.insert(schema, kind);
    Ok(())
}

fn read_job(j: &Value, schema: &mut Schema) -> R<()> {
    let rel = QualifiedName::new(s(j, "schema")?, s(j, "table")?);
    let schedule_interval = Interval::parse(&s(j, "schedule")?)?.canonical();
    let config = j.get("config").cloned().unwrap_or(Value::Null);
    match s(j, "proc")?.as_str() {
        "policy_compression" => {
            chunk_policy(
                &COMPRESSION_POLICY_KIND,
                rel,
                &config,
                schedule_interval,
                schema,
            )?;
        }
        "policy_retention" => {
            chunk_policy(
                &RETENTION_POLICY_KIND,
                rel,
                &config,
                schedule_interval,
                schema,
            )?;
        }
        "policy_reorder" => {
            let index = config
                .get("index_name")
                .and_then(Value::as_str)
                .ok_or("TimescaleDB catalog: a reorder policy without index_name")?;
            ReorderPolicy {
                table: rel,
                index: index.to_string(),
            }
            .insert(schema);
        }
        _ => {
            let Some((ck, _)) = find_cagg(schema, &rel) else {
                return Ok(());
            };
            let p = RefreshPolicy {
                view: rel.clone(),
                start_offset: lag(config.get("start_offset"))?,
                end_offset: lag(config.get("end_offset"))?,
                schedule_interval,
            };
            let k = refresh_key(&rel, &ck);
            insert_object(schema, k, vec![], vec![ck], &p);
        }
    }
    Ok(())
}

/// Reads caggs base first, so a cagg on a cagg finds its base's key.
fn read_caggs(caggs: &[Value], schema: &mut Schema) -> R<()> {
    let mut pending: Vec<&Value> = caggs.iter().collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for c in pending {
            let view = QualifiedName::new(s(c, "schema")?, s(c, "view")?);
            // PostgreSQL's introspection sees the cagg's user view as a plain view.
            schema.views.remove(&view);
            let base = match (opt_s(c, "base_schema"), opt_s(c, "base")) {
                (Some(bs), Some(b)) => match find_cagg(schema, &QualifiedName::new(bs, b)) {
                    Some((k, _)) => k,
                    None => {
                        rest.push(c);
                        continue;
                    }
                },
                _ => table_key(
                    HYPERTABLE,
                    &QualifiedName::new(s(c, "source_schema")?, s(c, "source")?),
                ),
            };
            let query = canonical_query_text(&s(c, "definition")?, "public")
                .map_err(|e| format!("continuous aggregate {view}: {e}"))?;
            let wanted = c.get("group_indexes").and_then(Value::as_bool) != Some(false);
            let cagg = ContinuousAggregate {
                view,
                create_group_indexes: group_indexes(&query, wanted),
                query,
                materialized_only: c
                    .get("materialized_only")
                    .and_then(Value::as_bool)
                    .unwrap_or(true),
            };
            let k = cagg_key(&cagg, &base);
            insert_object(schema, k, vec![], vec![base], &cagg);
        }
        if rest.len() == before {
            return Err(
                "TimescaleDB catalog: continuous aggregates whose base cannot be read".into(),
            );
        }
        pending = rest;
    }
    Ok(())
}
