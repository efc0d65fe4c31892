//! Policies: `add_compression_policy` (or `add_columnstore_policy`),
//! `add_retention_policy`, `add_continuous_aggregate_policy` and their `remove_…`.

use super::args::{
    args, bool_arg, func_name, interval_arg, is_null, lag_arg, refuse, text_arg, DAY_US,
};
use super::{Cx, R};
use crate::interval::Interval;
use crate::objects::*;
use migrator_core::schema::{QualifiedName, Schema};
use pg_query::protobuf::{self as pb, Node};
use std::collections::BTreeMap;

/// `add_continuous_aggregate_policy`'s parameters, in their positional order.
const REFRESH_POLICY_PARAMS: &[&str] = &[
    "continuous_aggregate",
    "start_offset",
    "end_offset",
    "schedule_interval",
    "if_not_exists",
    "initial_start",
    "timezone",
    "include_tiered_data",
    "buckets_per_batch",
    "max_batches_per_execution",
    "refresh_newest_first",
];

/// How many of [`REFRESH_POLICY_PARAMS`] are supported; the others are refused.
const REFRESH_POLICY_SUPPORTED: usize = 5;

impl Cx<'_> {
    /// `add_compression_policy(…)` (or `add_columnstore_policy`); compression must be enabled.
    pub(super) fn add_compression_policy(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let a = args(
            f,
            &[
                "hypertable",
                "compress_after",
                "if_not_exists",
                "schedule_interval",
                "initial_start",
                "timezone",
                "compress_created_before",
            ],
        )?;
        refuse(
            &a,
            &func_name(f),
            &[
                "initial_start",
                "timezone",
                "compress_created_before",
                "created_before",
                "hypercore_use_access_method",
                "compress_using",
            ],
        )?;
        let table = self.relation_arg(
            &a,
            "hypertable",
            "add_compression_policy: the hypertable is missing",
            schema,
        )?;
        let (_, h) = self.hypertable(schema, &table)?;
        let ck = table_key(COMPRESSION, &table);
        if !schema.dialect_objects.contains_key(&object_id(&ck)) {
            return Err(format!("add_compression_policy: compression is not enabled on {table}; ALTER TABLE … SET (timescaledb.compress) first"));
        }
        let after = a
            .get("compress_after")
            .or_else(|| a.get("after"))
            .ok_or("add_compression_policy: compress_after is missing")?;
        let lag = lag_arg(after, "compress_after")?;
        // TimescaleDB's default: half the chunk interval, at most 12 hours (a day for integer
        // time columns).
        let schedule_interval = schedule_interval(&a, || {
            if h.integer {
                "1 day".into()
            } else {
                Interval::from_micros((h.chunk_interval / 2).min(DAY_US / 2)).canonical()
            }
        })?;
        let p = ChunkPolicy {
            table,
            lag,
            schedule_interval,
        };
        add_chunk_policy(schema, &a, &COMPRESSION_POLICY_KIND, p)
    }

    /// `add_retention_policy(…)` on a hypertable.
    pub(super) fn add_retention_policy(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let a = args(
            f,
            &[
                "relation",
                "drop_after",
                "if_not_exists",
                "schedule_interval",
                "initial_start",
                "timezone",
                "drop_created_before",
            ],
        )?;
        refuse(
            &a,
            "add_retention_policy",
            &["initial_start", "timezone", "drop_created_before"],
        )?;
        let table = self.relation_arg(
            &a,
            "relation",
            "add_retention_policy: the relation is missing",
            schema,
        )?;
        self.hypertable(schema, &table).map_err(|_| {
            format!("add_retention_policy: {table} is not a hypertable (retention on continuous aggregates is not supported yet)")
        })?;
        let lag = lag_arg(
            a.get("drop_after")
                .ok_or("add_retention_policy: drop_after is missing")?,
            "drop_after",
        )?;
        let p = ChunkPolicy {
            table,
            lag,
            schedule_interval: schedule_interval(&a, || "1 day".into())?,
        };
        add_chunk_policy(schema, &a, &RETENTION_POLICY_KIND, p)
    }

    /// `add_reorder_policy(…)`: by an index of the hypertable (named without its schema,
    /// as TimescaleDB takes it).
    pub(super) fn add_reorder_policy(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let a = args(
            f,
            &[
                "hypertable",
                "index_name",
                "if_not_exists",
                "initial_start",
                "timezone",
            ],
        )?;
        refuse(&a, "add_reorder_policy", &["initial_start", "timezone"])?;
        let table = self.relation_arg(
            &a,
            "hypertable",
            "add_reorder_policy: the hypertable is missing",
            schema,
        )?;
        self.hypertable(schema, &table)?;
        let index = a
            .get("index_name")
            .and_then(text_arg)
            .ok_or("add_reorder_policy: index_name is missing")?;
        let on_table = schema
            .indexes
            .get(&QualifiedName::new(table.schema.clone(), index.clone()))
            .is_some_and(|i| i.table == table);
        if !on_table {
            return Err(format!("add_reorder_policy: {table} has no index {index}"));
        }
        let k = table_key(REORDER_POLICY, &table);
        let already = format!("{table} already has a reorder policy");
        if is_new(schema, &a, &k, already)? {
            ReorderPolicy { table, index }.insert(schema);
        }
        Ok(())
    }

    /// `remove_compression_policy(…)` or `remove_retention_policy(…)`: the `kind` policy
    /// of a table.
    pub(super) fn remove_policy(
        &self,
        f: &pb::FuncCall,
        schema: &mut Schema,
        kind: &str,
        params: &[&str],
    ) -> R<()> {
        let a = args(f, params)?;
        let table = self.relation_arg(
            &a,
            params[0],
            &format!("{}: the relation is missing", func_name(f)),
            schema,
        )?;
        let k = table_key(kind, &table);
        if schema.dialect_objects.remove(&object_id(&k)).is_none()
            && a.get("if_exists").and_then(bool_arg) != Some(true)
        {
            return Err(format!("{table} has no {}", kind.replace('_', " ")));
        }
        Ok(())
    }

    /// `add_continuous_aggregate_policy(…)` on a cagg.
    pub(super) fn add_refresh_policy(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let a = args(f, REFRESH_POLICY_PARAMS)?;
        refuse(
            &a,
            "add_continuous_aggregate_policy",
            &REFRESH_POLICY_PARAMS[REFRESH_POLICY_SUPPORTED..],
        )?;
        let view = self.relation_arg(
            &a,
            "continuous_aggregate",
            "add_continuous_aggregate_policy: the continuous aggregate is missing",
            schema,
        )?;
        let (ck, _) = find_cagg(schema, &view).ok_or_else(|| {
            format!("add_continuous_aggregate_policy: {view} is not a continuous aggregate")
        })?;
        let offset = |name: &str| -> R<Option<Lag>> {
            match a.get(name) {
                None => Err(format!(
                    "add_continuous_aggregate_policy: {name} is missing (NULL means unbounded)"
                )),
                Some(v) if is_null(v) => Ok(None),
                Some(v) => lag_arg(v, name).map(Some),
            }
        };
        let start_offset = offset("start_offset")?;
        let end_offset = offset("end_offset")?;
        let schedule_interval = interval_arg(
            a.get("schedule_interval")
                .filter(|v| !is_null(v))
                .ok_or("add_continuous_aggregate_policy: schedule_interval is missing")?,
            "schedule_interval",
        )?
        .canonical();
        let k = refresh_key(&view, &ck);
        let already = format!("{view} already has a refresh policy");
        let p = RefreshPolicy {
            view,
            start_offset,
            end_offset,
            schedule_interval,
        };
        if is_new(schema, &a, &k, already)? {
            insert_object(schema, k, vec![], vec![ck], &p);
        }
        Ok(())
    }

    /// `remove_continuous_aggregate_policy(…)`.
    pub(super) fn remove_refresh_policy(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let a = args(f, &["continuous_aggregate", "if_exists"])?;
        let view = self.relation_arg(
            &a,
            "continuous_aggregate",
            "remove_continuous_aggregate_policy: the continuous aggregate is missing",
            schema,
        )?;
        let found = find_cagg(schema, &view).map(|(ck, _)| refresh_key(&view, &ck));
        match found {
            Some(k) if schema.dialect_objects.remove(&object_id(&k)).is_some() => Ok(()),
            _ if a.get("if_exists").and_then(bool_arg) == Some(true) => Ok(()),
            _ => Err(format!("{view} has no refresh policy")),
        }
    }
}

/// `alter_job(…)`: its runtime settings (`scheduled`, `max_runtime`, `max_retries`,
/// `retry_period`, `next_start`) are not part of the schema and change nothing; what the
/// schema holds of a policy (its schedule and its config) cannot be changed through a job
/// id, so changing those is an error pointing to the policy's own functions.
pub(super) fn alter_job(f: &pb::FuncCall) -> R<()> {
    let a = args(
        f,
        &[
            "job_id",
            "schedule_interval",
            "max_runtime",
            "max_retries",
            "retry_period",
            "scheduled",
            "config",
            "next_start",
            "if_exists",
            "check_config",
            "fixed_schedule",
            "initial_start",
            "timezone",
            "job_name",
        ],
    )?;
    for p in [
        "schedule_interval",
        "config",
        "check_config",
        "fixed_schedule",
        "initial_start",
        "timezone",
    ] {
        if a.get(p).is_some_and(|v| !is_null(v)) {
            return Err(format!(
                "alter_job: {p} changes a policy migrator models by its own function; remove the policy and add it again with {p} (schedule_interval => … of add_*_policy), see docs/TIMESCALE.md"
            ));
        }
    }
    Ok(())
}

/// The key of a cagg's refresh policy: the view and the cagg's fingerprint.
pub fn refresh_key(view: &QualifiedName, cagg: &QualifiedName) -> QualifiedName {
    key(REFRESH_POLICY, &format!("{view}#{}", key_fingerprint(cagg)))
}

/// The `schedule_interval` argument, canonical; `default()` when it is missing or NULL.
fn schedule_interval(a: &BTreeMap<String, Node>, default: impl FnOnce() -> String) -> R<String> {
    match a.get("schedule_interval").filter(|v| !is_null(v)) {
        Some(s) => Ok(interval_arg(s, "schedule_interval")?.canonical()),
        None => Ok(default()),
    }
}

/// Adds the chunk policy `p` of `kind`, as [`is_new`] allows.
fn add_chunk_policy(
    schema: &mut Schema,
    a: &BTreeMap<String, Node>,
    kind: &ChunkPolicyKind,
    p: ChunkPolicy,
) -> R<()> {
    let k = table_key(kind.kind, &p.table);
    let already = format!("{} already has a {}", p.table, kind.kind.replace('_', " "));
    if is_new(schema, a, &k, already)? {
        p.insert(schema, kind);
    }
    Ok(())
}

/// Whether to add the policy `k`: yes when there is none; when there is one, no with
/// `if_not_exists` (the one there stays), otherwise `already` says so.
fn is_new(
    schema: &Schema,
    a: &BTreeMap<String, Node>,
    k: &QualifiedName,
    already: String,
) -> R<bool> {
    if !schema.dialect_objects.contains_key(&object_id(k)) {
        return Ok(true);
    }
    if a.get("if_not_exists").and_then(bool_arg) == Some(true) {
        return Ok(false);
    }
    Err(already)
}
