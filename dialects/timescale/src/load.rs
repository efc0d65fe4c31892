//! TimescaleDB statements in SQL files: the loader's [`PgExtension`] statement hook.
//!
//! Every statement is offered here before PostgreSQL's interpreter. TimescaleDB's own
//! statements (`SELECT create_hypertable(…)`, `ALTER TABLE … SET (timescaledb.compress …)`,
//! `CREATE MATERIALIZED VIEW … WITH (timescaledb.continuous)`, the policy functions) are
//! applied to the schema's dialect objects; everything else goes on to PostgreSQL. The same
//! hook replays migrations written by this dialect, so what a builder emits it reads back.
//! See <https://docs.timescale.com/api/latest/> for the functions and their parameters.

use crate::interval::Interval;
use crate::objects::*;
use crate::query::canonical_query;
use migrator_core::schema::{QualifiedName, Schema};
use migrator_postgres::extension::PgExtension;
use migrator_postgres::load::Loader;
use migrator_postgres::normalize::{const_text, strings};
use migrator_postgres::quote::quote_ident;
use pg_query::protobuf::{self as pb, a_const, node::Node as N, Node, ObjectType as Ot};
use std::collections::BTreeMap;
use std::sync::Mutex;

type R<T> = Result<T, String>;

/// A day, in microseconds: TimescaleDB's default chunk interval is seven of them.
const DAY_US: i64 = 86_400_000_000;

/// The statement hook. Holds the search path the files set, to resolve unqualified names.
#[derive(Default)]
pub struct TimescaleStatements {
    search_path: Mutex<Option<Vec<String>>>,
}

impl PgExtension for TimescaleStatements {
    fn statement(&self, sql: &str, schema: &mut Schema) -> Option<R<()>> {
        let parsed = pg_query::parse(sql, 0).ok()?;
        let stmt = parsed
            .protobuf
            .stmts
            .first()?
            .stmt
            .as_deref()?
            .node
            .as_ref()?;
        let cx = Cx {
            path: self.search_path.lock().ok()?.clone(),
        };
        match stmt {
            N::VariableSetStmt(s) if s.name == "search_path" => {
                let path: Vec<String> = s
                    .args
                    .iter()
                    .map(const_text)
                    .filter(|p| !p.is_empty())
                    .collect();
                *self.search_path.lock().ok()? = (!path.is_empty()).then_some(path);
                None
            }
            N::SelectStmt(s) => {
                let f = select_call(s)?;
                let name = func_name(&f);
                if name == "set_config" {
                    if f.args.first().map(const_text).as_deref() == Some("search_path") {
                        let path: Vec<String> = f
                            .args
                            .get(1)
                            .map(const_text)
                            .unwrap_or_default()
                            .split(',')
                            .map(|p| p.trim().trim_matches('"').to_string())
                            .filter(|p| !p.is_empty())
                            .collect();
                        *self.search_path.lock().ok()? = (!path.is_empty()).then_some(path);
                    }
                    return None;
                }
                cx.call(&name, &f, schema)
            }
            N::CallStmt(c) => {
                let f = c.funccall.as_deref()?;
                cx.call(&func_name(f), f, schema)
            }
            N::AlterTableStmt(s) => cx.alter_table(s, schema),
            N::CreateTableAsStmt(s) => cx.create_cagg(s, schema),
            N::IndexStmt(s) => cx.create_cagg_index(s, schema),
            N::DropStmt(s) => cx.drop(s, schema),
            N::DoStmt(_) if sql.contains("$migrator_tsdb$") => Some(Ok(())),
            N::CreateStmt(s) if s.options.iter().any(is_tsdb_option) => Some(Err(
                "CREATE TABLE … WITH (tsdb.hypertable …) is not supported yet; create the table, \
                 then call create_hypertable (see docs/TIMESCALE.md)"
                    .into(),
            )),
            _ => None,
        }
    }
}

fn is_tsdb_option(n: &Node) -> bool {
    matches!(&n.node, Some(N::DefElem(d)) if matches!(d.defnamespace.as_str(), "timescaledb" | "tsdb"))
}

/// The function a `SELECT f(…)` (possibly `FROM …`) calls.
fn select_call(s: &pb::SelectStmt) -> Option<pb::FuncCall> {
    match &s.target_list.first()?.node {
        Some(N::ResTarget(r)) => match r.val.as_deref()?.node.as_ref()? {
            N::FuncCall(f) => Some((**f).clone()),
            _ => None,
        },
        _ => None,
    }
}

fn func_name(f: &pb::FuncCall) -> String {
    strings(&f.funcname).last().cloned().unwrap_or_default()
}

/// Arguments by parameter name, from positional and named (`name => value`) arguments.
fn args(f: &pb::FuncCall, params: &[&str]) -> R<BTreeMap<String, Node>> {
    let mut out = BTreeMap::new();
    for (i, a) in f.args.iter().enumerate() {
        match &a.node {
            Some(N::NamedArgExpr(n)) => {
                if let Some(v) = n.arg.as_deref() {
                    out.insert(n.name.clone(), v.clone());
                }
            }
            _ => {
                let p = params
                    .get(i)
                    .ok_or_else(|| format!("{}: too many arguments", func_name(f)))?;
                out.insert(p.to_string(), a.clone());
            }
        }
    }
    Ok(out)
}

fn is_null(n: &Node) -> bool {
    matches!(&n.node, Some(N::AConst(c)) if c.isnull)
}

/// A string, identifier or cast string argument (`'metrics'`, `'metrics'::regclass`).
fn text_arg(n: &Node) -> Option<String> {
    match &n.node {
        Some(N::AConst(c)) if !c.isnull => Some(const_text(n)),
        Some(N::TypeCast(t)) => t.arg.as_deref().and_then(text_arg),
        Some(N::ColumnRef(c)) => Some(strings(&c.fields).join(".")),
        _ => None,
    }
}

fn bool_arg(n: &Node) -> Option<bool> {
    match &n.node {
        Some(N::AConst(pb::AConst {
            val: Some(a_const::Val::Boolval(b)),
            ..
        })) => Some(b.boolval),
        Some(N::TypeCast(t)) => t.arg.as_deref().and_then(bool_arg),
        Some(N::Boolean(b)) => Some(b.boolval),
        _ => match text_arg(n)
            .unwrap_or_else(|| const_text(n))
            .to_ascii_lowercase()
            .as_str()
        {
            "true" | "on" | "t" | "1" | "yes" => Some(true),
            "false" | "off" | "f" | "0" | "no" => Some(false),
            _ => None,
        },
    }
}

/// An integer constant (large ones come from the parser as floats).
fn int_arg(n: &Node) -> Option<i64> {
    match &n.node {
        Some(N::AConst(pb::AConst {
            val: Some(a_const::Val::Ival(i)),
            ..
        })) => Some(i64::from(i.ival)),
        Some(N::AConst(pb::AConst {
            val: Some(a_const::Val::Fval(f)),
            ..
        })) => f.fval.parse().ok(),
        Some(N::TypeCast(t)) => match t.arg.as_deref() {
            Some(a) if !is_interval_cast(n) => {
                int_arg(a).or_else(|| text_arg(a).and_then(|s| s.parse().ok()))
            }
            _ => None,
        },
        _ => None,
    }
}

fn is_interval_cast(n: &Node) -> bool {
    matches!(&n.node, Some(N::TypeCast(t)) if t.type_name.as_ref().is_some_and(|t| strings(&t.names).last().map(String::as_str) == Some("interval")))
}

/// An interval argument: `INTERVAL '1 day'`, `'1 day'::interval` or `'1 day'`.
fn interval_arg(n: &Node, what: &str) -> R<Interval> {
    let text = text_arg(n).ok_or_else(|| format!("{what}: expected an interval"))?;
    Interval::parse(&text).map_err(|e| format!("{what}: {e}"))
}

/// An age threshold: an integer for integer time columns, else an interval.
fn lag_arg(n: &Node, what: &str) -> R<Lag> {
    if let Some(i) = int_arg(n) {
        return Ok(Lag::Integer(i));
    }
    Ok(Lag::Interval(interval_arg(n, what)?.canonical()))
}

/// A chunk interval: microseconds for time columns, a plain number for integer ones.
fn chunk_interval(n: Option<&Node>, integer: bool, what: &str) -> R<i64> {
    match n {
        None => {
            if integer {
                Err(format!(
                    "{what}: an integer time column needs an explicit chunk interval"
                ))
            } else {
                Ok(7 * DAY_US)
            }
        }
        Some(n) if is_null(n) => chunk_interval(None, integer, what),
        Some(n) => match int_arg(n) {
            Some(i) => Ok(i),
            None if integer => Err(format!(
                "{what}: an integer time column needs an integer chunk interval"
            )),
            None => {
                let i = interval_arg(n, what)?;
                Ok(i.total_micros())
            }
        },
    }
}

/// Splits a (possibly quoted, possibly qualified) relation name as regclass input reads it.
pub fn split_name(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(std::mem::take(&mut cur)),
            c if quoted => cur.push(c),
            c => cur.push(c.to_ascii_lowercase()),
        }
    }
    parts.push(cur);
    parts
}

struct Cx {
    path: Option<Vec<String>>,
}

impl Cx {
    fn creation_schema(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.first().cloned())
            .unwrap_or_else(|| "public".into())
    }

    /// Resolves a relation name along the search path (tables and caggs).
    fn relation(&self, text: &str, schema: &Schema) -> R<QualifiedName> {
        let parts = split_name(text);
        match parts.as_slice() {
            [s, n] => Ok(QualifiedName::new(s.clone(), n.clone())),
            [n] => {
                let default = vec!["public".to_string()];
                for s in self.path.as_ref().unwrap_or(&default) {
                    let q = QualifiedName::new(s.clone(), n.clone());
                    if schema.tables.contains_key(&q) || find_cagg(schema, &q).is_some() {
                        return Ok(q);
                    }
                }
                Ok(QualifiedName::new(self.creation_schema(), n.clone()))
            }
            _ => Err(format!("cannot read the relation name {text}")),
        }
    }

    fn rangevar(&self, rv: &pb::RangeVar, schema: &Schema) -> R<QualifiedName> {
        if rv.schemaname.is_empty() {
            self.relation(&quote_ident(&rv.relname), schema)
        } else {
            Ok(QualifiedName::new(
                rv.schemaname.clone(),
                rv.relname.clone(),
            ))
        }
    }

    fn call(&self, name: &str, f: &pb::FuncCall, schema: &mut Schema) -> Option<R<()>> {
        let r = match name {
            "create_hypertable" => self.create_hypertable(f, schema),
            "add_dimension" => self.add_dimension(f, schema),
            "set_chunk_time_interval" => self.set_chunk_time_interval(f, schema),
            "add_compression_policy" | "add_columnstore_policy" => {
                self.add_compression_policy(f, schema)
            }
            "remove_compression_policy" | "remove_columnstore_policy" => {
                self.remove_policy(f, schema, COMPRESSION_POLICY, &["hypertable", "if_exists"])
            }
            "add_retention_policy" => self.add_retention_policy(f, schema),
            "remove_retention_policy" => {
                self.remove_policy(f, schema, RETENTION_POLICY, &["relation", "if_exists"])
            }
            "add_continuous_aggregate_policy" => self.add_refresh_policy(f, schema),
            "remove_continuous_aggregate_policy" => self.remove_refresh_policy(f, schema),
            // Data and maintenance calls: they change no schema object.
            "compress_chunk" | "decompress_chunk" | "convert_to_columnstore"
            | "convert_to_rowstore" | "refresh_continuous_aggregate" | "show_chunks"
            | "drop_chunks" | "set_integer_now_func" | "alter_job" | "run_job" => Ok(()),
            "by_range" | "by_hash" => Err(format!("{name}(…) only makes sense inside create_hypertable or add_dimension")),
            _ if name.starts_with("add_") && name.ends_with("_policy")
                || matches!(name, "add_reorder_policy" | "remove_reorder_policy" | "enable_chunk_skipping" | "add_job") =>
            {
                Err(format!("`{name}` is not supported yet by the timescale dialect (see docs/TIMESCALE.md)"))
            }
            _ => return None,
        };
        Some(r)
    }

    fn hypertable(&self, schema: &Schema, table: &QualifiedName) -> R<(QualifiedName, Hypertable)> {
        let k = table_key(HYPERTABLE, table);
        let o = schema
            .dialect_objects
            .get(&k)
            .ok_or_else(|| format!("table {table} is not a hypertable"))?;
        Ok((k, payload(o)?))
    }

    fn is_integer_column(schema: &Schema, table: &QualifiedName, column: &str) -> R<bool> {
        let t = schema
            .tables
            .get(table)
            .ok_or_else(|| format!("table {table} does not exist"))?;
        let c = t
            .column(column)
            .ok_or_else(|| format!("column {column} of table {table} does not exist"))?;
        Ok(matches!(
            c.data_type.as_str(),
            "smallint" | "integer" | "bigint"
        ))
    }

    /// A `by_range(…)`/`by_hash(…)` dimension builder call.
    fn dimension_call(
        &self,
        n: &Node,
        table: &QualifiedName,
        schema: &Schema,
    ) -> R<Option<Dimension>> {
        let Some(N::FuncCall(f)) = &n.node else {
            return Ok(None);
        };
        let name = func_name(f);
        match name.as_str() {
            "by_range" => {
                let a = args(f, &["column_name", "partition_interval", "partition_func"])?;
                if a.contains_key("partition_func") {
                    return Err("by_range: partition_func is not supported yet".into());
                }
                let column = a
                    .get("column_name")
                    .and_then(text_arg)
                    .ok_or("by_range: the column name is missing")?;
                let integer = Self::is_integer_column(schema, table, &column)?;
                let interval = chunk_interval(a.get("partition_interval"), integer, "by_range")?;
                Ok(Some(Dimension::Range {
                    column,
                    interval,
                    integer,
                }))
            }
            "by_hash" => {
                let a = args(f, &["column_name", "number_partitions", "partition_func"])?;
                if a.contains_key("partition_func") {
                    return Err("by_hash: partition_func is not supported yet".into());
                }
                let column = a
                    .get("column_name")
                    .and_then(text_arg)
                    .ok_or("by_hash: the column name is missing")?;
                let partitions = a
                    .get("number_partitions")
                    .and_then(int_arg)
                    .ok_or("by_hash: number_partitions is missing")?;
                Ok(Some(Dimension::Hash { column, partitions }))
            }
            other => Err(format!(
                "{other}(…) is not a dimension builder (by_range or by_hash)"
            )),
        }
    }

    fn create_hypertable(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let new_form = f
            .args
            .get(1)
            .is_some_and(|a| matches!(a.node, Some(N::FuncCall(_))))
            || f.args
                .iter()
                .any(|a| matches!(&a.node, Some(N::NamedArgExpr(n)) if n.name == "dimension"));
        let a = if new_form {
            args(
                f,
                &[
                    "relation",
                    "dimension",
                    "create_default_indexes",
                    "if_not_exists",
                    "migrate_data",
                ],
            )?
        } else {
            args(
                f,
                &[
                    "relation",
                    "time_column_name",
                    "partitioning_column",
                    "number_partitions",
                    "associated_schema_name",
                    "associated_table_prefix",
                    "chunk_time_interval",
                    "create_default_indexes",
                    "if_not_exists",
                    "partitioning_func",
                    "migrate_data",
                    "chunk_target_size",
                    "chunk_sizing_func",
                    "time_partitioning_func",
                ],
            )?
        };
        for unsupported in [
            "associated_schema_name",
            "associated_table_prefix",
            "partitioning_func",
            "chunk_target_size",
            "chunk_sizing_func",
            "time_partitioning_func",
        ] {
            if a.get(unsupported).is_some_and(|v| !is_null(v)) {
                return Err(format!(
                    "create_hypertable: {unsupported} is not supported yet"
                ));
            }
        }
        let rel = a
            .get("relation")
            .and_then(text_arg)
            .ok_or("create_hypertable: the relation is missing")?;
        let table = self.relation(&rel, schema)?;
        if !schema.tables.contains_key(&table) {
            return Err(format!("create_hypertable: table {table} does not exist"));
        }
        let k = table_key(HYPERTABLE, &table);
        if schema.dialect_objects.contains_key(&k) {
            if a.get("if_not_exists").and_then(bool_arg) == Some(true) {
                return Ok(());
            }
            return Err(format!("table {table} is already a hypertable"));
        }
        let mut dimensions = Vec::new();
        let (time_column, chunk, integer) = if new_form {
            let d = a
                .get("dimension")
                .ok_or("create_hypertable: the dimension is missing")?;
            match self.dimension_call(d, &table, schema)? {
                Some(Dimension::Range {
                    column,
                    interval,
                    integer,
                }) => (column, interval, integer),
                _ => {
                    return Err("create_hypertable: the first dimension must be by_range(…)".into())
                }
            }
        } else {
            let column = a
                .get("time_column_name")
                .and_then(text_arg)
                .ok_or("create_hypertable: time_column_name is missing")?;
            let integer = Self::is_integer_column(schema, &table, &column)?;
            let chunk = chunk_interval(a.get("chunk_time_interval"), integer, "create_hypertable")?;
            if let Some(p) = a
                .get("partitioning_column")
                .filter(|v| !is_null(v))
                .and_then(text_arg)
            {
                let partitions = a
                    .get("number_partitions")
                    .and_then(int_arg)
                    .ok_or("create_hypertable: a partitioning column needs number_partitions")?;
                dimensions.push(Dimension::Hash {
                    column: p,
                    partitions,
                });
            }
            (column, chunk, integer)
        };
        if a.get("create_default_indexes").and_then(bool_arg) != Some(false) {
            let mut defaults = vec![(
                vec![time_column.clone()],
                format!("{}_{}_idx", table.name, time_column),
            )];
            if let Some(Dimension::Hash { column, .. }) = dimensions.first() {
                defaults.push((
                    vec![column.clone(), time_column.clone()],
                    format!("{}_{}_{}_idx", table.name, column, time_column),
                ));
            }
            for (cols, name) in defaults {
                add_default_index(schema, &table, &cols, &name)?;
            }
        }
        let h = Hypertable {
            table: table.clone(),
            time_column,
            chunk_interval: chunk,
            integer,
            dimensions,
        };
        schema
            .dialect_objects
            .insert(k.clone(), to_object(k, vec![table], vec![], &h));
        Ok(())
    }

    fn add_dimension(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let new_form = f
            .args
            .get(1)
            .is_some_and(|a| matches!(a.node, Some(N::FuncCall(_))))
            || f.args
                .iter()
                .any(|a| matches!(&a.node, Some(N::NamedArgExpr(n)) if n.name == "dimension"));
        let rel = f
            .args
            .first()
            .and_then(text_arg)
            .ok_or("add_dimension: the hypertable is missing")?;
        let table = self.relation(&rel, schema)?;
        let (k, mut h) = self.hypertable(schema, &table)?;
        let (dim, if_not_exists) = if new_form {
            let a = args(f, &["hypertable", "dimension", "if_not_exists"])?;
            let d = a
                .get("dimension")
                .ok_or("add_dimension: the dimension is missing")?;
            (
                self.dimension_call(d, &table, schema)?
                    .ok_or("add_dimension: expected by_range(…) or by_hash(…)")?,
                a.get("if_not_exists").and_then(bool_arg) == Some(true),
            )
        } else {
            let a = args(
                f,
                &[
                    "hypertable",
                    "column_name",
                    "number_partitions",
                    "chunk_time_interval",
                    "partitioning_func",
                    "if_not_exists",
                ],
            )?;
            let column = a
                .get("column_name")
                .and_then(text_arg)
                .ok_or("add_dimension: column_name is missing")?;
            let dim = match a
                .get("number_partitions")
                .filter(|v| !is_null(v))
                .and_then(int_arg)
            {
                Some(partitions) => Dimension::Hash { column, partitions },
                None => {
                    let integer = Self::is_integer_column(schema, &table, &column)?;
                    let interval =
                        chunk_interval(a.get("chunk_time_interval"), integer, "add_dimension")?;
                    Dimension::Range {
                        column,
                        interval,
                        integer,
                    }
                }
            };
            (dim, a.get("if_not_exists").and_then(bool_arg) == Some(true))
        };
        let col = |d: &Dimension| match d {
            Dimension::Hash { column, .. } | Dimension::Range { column, .. } => column.clone(),
        };
        if h.dimensions.iter().any(|d| col(d) == col(&dim)) || h.time_column == col(&dim) {
            if if_not_exists {
                return Ok(());
            }
            return Err(format!(
                "column {} is already a dimension of {table}",
                col(&dim)
            ));
        }
        h.dimensions.push(dim);
        let o = schema.dialect_objects.get_mut(&k).expect("looked up");
        o.payload = serde_json::to_value(&h).map_err(|e| e.to_string())?;
        Ok(())
    }

    fn set_chunk_time_interval(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let a = args(f, &["hypertable", "chunk_time_interval", "dimension_name"])?;
        let rel = a
            .get("hypertable")
            .and_then(text_arg)
            .ok_or("set_chunk_time_interval: the hypertable is missing")?;
        let table = self.relation(&rel, schema)?;
        let (k, mut h) = self.hypertable(schema, &table)?;
        let dim = a.get("dimension_name").and_then(text_arg);
        match dim {
            Some(d) if d != h.time_column => {
                let Some(Dimension::Range {
                    interval, integer, ..
                }) = h
                    .dimensions
                    .iter_mut()
                    .find(|x| matches!(x, Dimension::Range { column, .. } if *column == d))
                else {
                    return Err(format!(
                        "set_chunk_time_interval: {d} is not a range dimension of {table}"
                    ));
                };
                *interval = chunk_interval(
                    a.get("chunk_time_interval"),
                    *integer,
                    "set_chunk_time_interval",
                )?;
            }
            _ => {
                h.chunk_interval = chunk_interval(
                    a.get("chunk_time_interval"),
                    h.integer,
                    "set_chunk_time_interval",
                )?;
            }
        }
        let o = schema.dialect_objects.get_mut(&k).expect("looked up");
        o.payload = serde_json::to_value(&h).map_err(|e| e.to_string())?;
        Ok(())
    }

    fn add_compression_policy(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
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
        for unsupported in [
            "initial_start",
            "timezone",
            "compress_created_before",
            "created_before",
            "hypercore_use_access_method",
            "compress_using",
        ] {
            if a.get(unsupported).is_some_and(|v| !is_null(v)) {
                return Err(format!(
                    "{}: {unsupported} is not supported yet",
                    func_name(f)
                ));
            }
        }
        let rel = a
            .get("hypertable")
            .and_then(text_arg)
            .ok_or("add_compression_policy: the hypertable is missing")?;
        let table = self.relation(&rel, schema)?;
        let (_, h) = self.hypertable(schema, &table)?;
        let ck = table_key(COMPRESSION, &table);
        if !schema.dialect_objects.contains_key(&ck) {
            return Err(format!("add_compression_policy: compression is not enabled on {table}; ALTER TABLE … SET (timescaledb.compress) first"));
        }
        let after = a
            .get("compress_after")
            .or_else(|| a.get("after"))
            .ok_or("add_compression_policy: compress_after is missing")?;
        let compress_after = lag_arg(after, "compress_after")?;
        let schedule_interval = match a.get("schedule_interval").filter(|v| !is_null(v)) {
            Some(s) => interval_arg(s, "schedule_interval")?.canonical(),
            // TimescaleDB's default: half the chunk interval, at most 12 hours (a day for
            // integer time columns).
            None if h.integer => "1 day".into(),
            None => Interval::from_micros((h.chunk_interval / 2).min(DAY_US / 2)).canonical(),
        };
        let k = table_key(COMPRESSION_POLICY, &table);
        if schema.dialect_objects.contains_key(&k) {
            if a.get("if_not_exists").and_then(bool_arg) == Some(true) {
                return Ok(());
            }
            return Err(format!("{table} already has a compression policy"));
        }
        let p = CompressionPolicy {
            table: table.clone(),
            compress_after,
            schedule_interval,
        };
        schema
            .dialect_objects
            .insert(k.clone(), to_object(k, vec![table], vec![ck], &p));
        Ok(())
    }

    fn add_retention_policy(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
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
        for unsupported in ["initial_start", "timezone", "drop_created_before"] {
            if a.get(unsupported).is_some_and(|v| !is_null(v)) {
                return Err(format!(
                    "add_retention_policy: {unsupported} is not supported yet"
                ));
            }
        }
        let rel = a
            .get("relation")
            .and_then(text_arg)
            .ok_or("add_retention_policy: the relation is missing")?;
        let table = self.relation(&rel, schema)?;
        let (hk, _) = self.hypertable(schema, &table).map_err(|_| {
            format!("add_retention_policy: {table} is not a hypertable (retention on continuous aggregates is not supported yet)")
        })?;
        let drop_after = lag_arg(
            a.get("drop_after")
                .ok_or("add_retention_policy: drop_after is missing")?,
            "drop_after",
        )?;
        let schedule_interval = match a.get("schedule_interval").filter(|v| !is_null(v)) {
            Some(s) => interval_arg(s, "schedule_interval")?.canonical(),
            None => "1 day".into(),
        };
        let k = table_key(RETENTION_POLICY, &table);
        if schema.dialect_objects.contains_key(&k) {
            if a.get("if_not_exists").and_then(bool_arg) == Some(true) {
                return Ok(());
            }
            return Err(format!("{table} already has a retention policy"));
        }
        let p = RetentionPolicy {
            table: table.clone(),
            drop_after,
            schedule_interval,
        };
        schema
            .dialect_objects
            .insert(k.clone(), to_object(k, vec![table], vec![hk], &p));
        Ok(())
    }

    fn remove_policy(
        &self,
        f: &pb::FuncCall,
        schema: &mut Schema,
        kind: &str,
        params: &[&str],
    ) -> R<()> {
        let a = args(f, params)?;
        let rel = a
            .get(params[0])
            .and_then(text_arg)
            .ok_or_else(|| format!("{}: the relation is missing", func_name(f)))?;
        let table = self.relation(&rel, schema)?;
        let k = table_key(kind, &table);
        if schema.dialect_objects.remove(&k).is_none()
            && a.get("if_exists").and_then(bool_arg) != Some(true)
        {
            return Err(format!("{table} has no {}", kind.replace('_', " ")));
        }
        Ok(())
    }

    fn add_refresh_policy(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let a = args(
            f,
            &[
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
            ],
        )?;
        for unsupported in [
            "initial_start",
            "timezone",
            "include_tiered_data",
            "buckets_per_batch",
            "max_batches_per_execution",
            "refresh_newest_first",
        ] {
            if a.get(unsupported).is_some_and(|v| !is_null(v)) {
                return Err(format!(
                    "add_continuous_aggregate_policy: {unsupported} is not supported yet"
                ));
            }
        }
        let rel = a
            .get("continuous_aggregate")
            .and_then(text_arg)
            .ok_or("add_continuous_aggregate_policy: the continuous aggregate is missing")?;
        let view = self.relation(&rel, schema)?;
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
        if schema.dialect_objects.contains_key(&k) {
            if a.get("if_not_exists").and_then(bool_arg) == Some(true) {
                return Ok(());
            }
            return Err(format!("{view} already has a refresh policy"));
        }
        let p = RefreshPolicy {
            view,
            start_offset,
            end_offset,
            schedule_interval,
        };
        schema
            .dialect_objects
            .insert(k.clone(), to_object(k, vec![], vec![ck], &p));
        Ok(())
    }

    fn remove_refresh_policy(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let a = args(f, &["continuous_aggregate", "if_exists"])?;
        let rel = a
            .get("continuous_aggregate")
            .and_then(text_arg)
            .ok_or("remove_continuous_aggregate_policy: the continuous aggregate is missing")?;
        let view = self.relation(&rel, schema)?;
        let found = find_cagg(schema, &view).map(|(ck, _)| refresh_key(&view, &ck));
        match found {
            Some(k) if schema.dialect_objects.remove(&k).is_some() => Ok(()),
            _ if a.get("if_exists").and_then(bool_arg) == Some(true) => Ok(()),
            _ => Err(format!("{view} has no refresh policy")),
        }
    }

    fn alter_table(&self, s: &pb::AlterTableStmt, schema: &mut Schema) -> Option<R<()>> {
        let options: Vec<&pb::DefElem> = s
            .cmds
            .iter()
            .filter_map(|c| match &c.node {
                Some(N::AlterTableCmd(c)) => match c.def.as_deref().and_then(|d| d.node.as_ref()) {
                    Some(N::List(l)) => Some(l.items.iter()),
                    _ => None,
                },
                _ => None,
            })
            .flatten()
            .filter_map(|n| match &n.node {
                Some(N::DefElem(d))
                    if matches!(d.defnamespace.as_str(), "timescaledb" | "tsdb") =>
                {
                    Some(&**d)
                }
                _ => None,
            })
            .collect();
        if options.is_empty() {
            return None;
        }
        let rv = s.relation.as_ref()?;
        let objtype = Ot::try_from(s.objtype).unwrap_or(Ot::Undefined);
        Some((|| {
            if s.cmds.len() != 1 {
                return Err(
                    "ALTER … SET (timescaledb.…) must be a statement of its own".to_string()
                );
            }
            let rel = self.rangevar(rv, schema)?;
            if objtype == Ot::ObjectMatview {
                return self.alter_cagg(&rel, &options, schema);
            }
            self.set_compression(&rel, &options, schema)
        })())
    }

    fn set_compression(
        &self,
        table: &QualifiedName,
        options: &[&pb::DefElem],
        schema: &mut Schema,
    ) -> R<()> {
        let (hk, _) = self.hypertable(schema, table)?;
        let ck = table_key(COMPRESSION, table);
        let mut c = match schema.dialect_objects.get(&ck) {
            Some(o) => payload::<Compression>(o)?,
            None => Compression {
                table: table.clone(),
                segmentby: vec![],
                orderby: vec![],
            },
        };
        let mut enable = None;
        for d in options {
            let value = d.arg.as_deref();
            match d.defname.as_str() {
                "compress" | "enable_columnstore" => {
                    enable = Some(
                        value
                            .map_or(Some(true), bool_arg)
                            .ok_or("timescaledb.compress takes true or false")?,
                    );
                }
                "compress_segmentby" | "segmentby" => {
                    c.segmentby = segmentby_list(&value.map(const_text).unwrap_or_default())?;
                }
                "compress_orderby" | "orderby" => {
                    c.orderby = orderby_list(&value.map(const_text).unwrap_or_default())?;
                }
                other => {
                    return Err(format!("timescaledb.{other} is not supported yet by the timescale dialect (see docs/TIMESCALE.md)"));
                }
            }
        }
        if enable == Some(false) {
            schema.dialect_objects.remove(&ck);
            return Ok(());
        }
        schema
            .dialect_objects
            .insert(ck.clone(), to_object(ck, vec![table.clone()], vec![hk], &c));
        Ok(())
    }

    fn alter_cagg(
        &self,
        view: &QualifiedName,
        options: &[&pb::DefElem],
        schema: &mut Schema,
    ) -> R<()> {
        let (k, mut c) = find_cagg(schema, view)
            .ok_or_else(|| format!("{view} is not a continuous aggregate"))?;
        for d in options {
            match d.defname.as_str() {
                "materialized_only" => {
                    c.materialized_only = d
                        .arg
                        .as_deref()
                        .map_or(Some(true), bool_arg)
                        .ok_or("timescaledb.materialized_only takes true or false")?;
                }
                other => {
                    return Err(format!(
                        "ALTER MATERIALIZED VIEW … SET (timescaledb.{other}) is not supported yet"
                    ))
                }
            }
        }
        let o = schema.dialect_objects.get_mut(&k).expect("found");
        o.payload = serde_json::to_value(&c).map_err(|e| e.to_string())?;
        Ok(())
    }

    fn create_cagg(&self, s: &pb::CreateTableAsStmt, schema: &mut Schema) -> Option<R<()>> {
        let into = s.into.as_deref()?;
        let continuous = into.options.iter().any(|o| {
            matches!(&o.node, Some(N::DefElem(d)) if matches!(d.defnamespace.as_str(), "timescaledb" | "tsdb") && d.defname == "continuous")
        });
        if !continuous {
            return None;
        }
        Some((|| {
            let rv = into
                .rel
                .as_ref()
                .ok_or("CREATE MATERIALIZED VIEW without a name")?;
            let view = if rv.schemaname.is_empty() {
                QualifiedName::new(self.creation_schema(), rv.relname.clone())
            } else {
                QualifiedName::new(rv.schemaname.clone(), rv.relname.clone())
            };
            if !into.col_names.is_empty() {
                return Err(format!("continuous aggregate {view}: a column name list is not supported yet; name the columns with AS in the query"));
            }
            let mut materialized_only = true;
            for o in &into.options {
                let Some(N::DefElem(d)) = &o.node else {
                    continue;
                };
                match d.defname.as_str() {
                    "continuous" => {}
                    "materialized_only" => {
                        materialized_only = d
                            .arg
                            .as_deref()
                            .map_or(Some(true), bool_arg)
                            .ok_or("timescaledb.materialized_only takes true or false")?;
                    }
                    "create_group_indexes" | "finalized" => {}
                    other => {
                        return Err(format!(
                            "continuous aggregate {view}: timescaledb.{other} is not supported yet"
                        ))
                    }
                }
            }
            if find_cagg(schema, &view).is_some() {
                if s.if_not_exists {
                    return Ok(());
                }
                return Err(format!("continuous aggregate {view} already exists"));
            }
            let q = s
                .query
                .as_deref()
                .ok_or("a continuous aggregate needs a query")?;
            let source = match &q.node {
                Some(N::SelectStmt(sel)) => sel.from_clause.iter().find_map(|f| match &f.node {
                    Some(N::RangeVar(r)) => Some(r.clone()),
                    _ => None,
                }),
                _ => None,
            }
            .ok_or_else(|| format!("continuous aggregate {view}: the query must read one hypertable or continuous aggregate in FROM"))?;
            let source = self.rangevar(&source, schema)?;
            let base = if let Some((k, _)) = find_cagg(schema, &source) {
                k
            } else if let Ok((k, _)) = self.hypertable(schema, &source) {
                k
            } else {
                return Err(format!("continuous aggregate {view}: {source} is not a hypertable or a continuous aggregate"));
            };
            let inputs = input_columns(schema, &source);
            let query = canonical_query(q, &self.creation_schema(), &|c| {
                inputs.iter().any(|i| i == c)
            })?;
            let k = cagg_key(&view, &query, &base);
            let c = ContinuousAggregate {
                view,
                query,
                materialized_only,
            };
            schema
                .dialect_objects
                .insert(k.clone(), to_object(k, vec![], vec![base], &c));
            Ok(())
        })())
    }

    fn create_cagg_index(&self, s: &pb::IndexStmt, schema: &mut Schema) -> Option<R<()>> {
        let rv = s.relation.as_ref()?;
        let view = self.rangevar(rv, schema).ok()?;
        let (ck, _) = find_cagg(schema, &view)?;
        Some((|| {
            if s.idxname.is_empty() {
                return Err(format!("an index on the continuous aggregate {view} needs a name (its implicit name would depend on the materialization hypertable)"));
            }
            let i = cagg_index_from_stmt(s, view.clone())?;
            let k = cagg_index_key(&view.schema, &s.idxname, &ck);
            if schema.dialect_objects.contains_key(&k) {
                if s.if_not_exists {
                    return Ok(());
                }
                return Err(format!("index {} already exists", s.idxname));
            }
            schema
                .dialect_objects
                .insert(k.clone(), to_object(k, vec![], vec![ck], &i));
            Ok(())
        })())
    }

    fn drop(&self, s: &pb::DropStmt, schema: &mut Schema) -> Option<R<()>> {
        let kind = Ot::try_from(s.remove_type).unwrap_or(Ot::Undefined);
        let names: Vec<Vec<String>> = s
            .objects
            .iter()
            .map(|o| match &o.node {
                Some(N::List(l)) => strings(&l.items),
                _ => vec![],
            })
            .collect();
        match kind {
            Ot::ObjectTable => {
                // PostgreSQL drops the table; its TimescaleDB objects go with it.
                for n in &names {
                    if let Ok(t) = self.relation(
                        &n.iter()
                            .map(|p| quote_ident(p))
                            .collect::<Vec<_>>()
                            .join("."),
                        schema,
                    ) {
                        remove_with_dependents(schema, &table_key(HYPERTABLE, &t));
                    }
                }
                None
            }
            Ot::ObjectMatview | Ot::ObjectView => {
                let mut claimed = false;
                for n in &names {
                    let Ok(v) = self.relation(
                        &n.iter()
                            .map(|p| quote_ident(p))
                            .collect::<Vec<_>>()
                            .join("."),
                        schema,
                    ) else {
                        continue;
                    };
                    if let Some((k, _)) = find_cagg(schema, &v) {
                        remove_with_dependents(schema, &k);
                        claimed = true;
                    }
                }
                claimed.then_some(Ok(()))
            }
            Ot::ObjectIndex => {
                let mut claimed = false;
                for n in &names {
                    let (sch, idx) = match n.as_slice() {
                        [s, i] => (s.clone(), i.clone()),
                        [i] => (self.creation_schema(), i.clone()),
                        _ => continue,
                    };
                    let prefix = format!("{sch}.{idx}#");
                    // The index lives on the materialization hypertable, in TimescaleDB's
                    // internal schema: dropping it there names it by that schema.
                    let internal = sch == MATERIALIZATION_SCHEMA;
                    let found: Vec<QualifiedName> = schema
                        .dialect_objects
                        .keys()
                        .filter(|k| {
                            k.schema == CAGG_INDEX
                                && (k.name.starts_with(&prefix)
                                    || internal
                                        && k.name
                                            .rsplit_once('#')
                                            .and_then(|(n, _)| n.split_once('.'))
                                            .is_some_and(|(_, i)| i == idx))
                        })
                        .cloned()
                        .collect();
                    for k in found {
                        schema.dialect_objects.remove(&k);
                        claimed = true;
                    }
                }
                claimed.then_some(Ok(()))
            }
            _ => None,
        }
    }
}

/// The columns a relation offers a query: a table's, or a cagg's output columns.
fn input_columns(schema: &Schema, rel: &QualifiedName) -> Vec<String> {
    if let Some(t) = schema.tables.get(rel) {
        return t.columns.iter().map(|c| c.name.clone()).collect();
    }
    let Some((_, c)) = find_cagg(schema, rel) else {
        return vec![];
    };
    let Ok(parsed) = pg_query::parse(&c.query, 0) else {
        return vec![];
    };
    match parsed
        .protobuf
        .stmts
        .first()
        .and_then(|s| s.stmt.as_deref())
        .and_then(|s| s.node.as_ref())
    {
        Some(N::SelectStmt(s)) => s
            .target_list
            .iter()
            .filter_map(|t| match &t.node {
                Some(N::ResTarget(r)) => Some(r.name.clone()),
                _ => None,
            })
            .collect(),
        _ => vec![],
    }
}

/// The key of a cagg's refresh policy: the view and the cagg's fingerprint.
pub fn refresh_key(view: &QualifiedName, cagg: &QualifiedName) -> QualifiedName {
    key(REFRESH_POLICY, &format!("{view}#{}", key_fingerprint(cagg)))
}

/// The key of an index on a cagg.
pub fn cagg_index_key(schema: &str, index: &str, cagg: &QualifiedName) -> QualifiedName {
    key(
        CAGG_INDEX,
        &format!("{schema}.{index}#{}", key_fingerprint(cagg)),
    )
}

/// An index on a cagg, from its `CREATE INDEX` (the file's, or the catalog's
/// `pg_get_indexdef` on the materialization hypertable).
pub fn cagg_index_from_stmt(s: &pb::IndexStmt, view: QualifiedName) -> R<CaggIndex> {
    if !matches!(s.access_method.as_str(), "" | "btree") {
        return Err("only btree indexes on continuous aggregates are supported yet".into());
    }
    if s.where_clause.is_some() || !s.index_including_params.is_empty() || !s.options.is_empty() {
        return Err(
            "indexes on continuous aggregates with WHERE, INCLUDE or WITH are not supported yet"
                .into(),
        );
    }
    let mut keys = Vec::new();
    for p in &s.index_params {
        let Some(N::IndexElem(e)) = &p.node else {
            continue;
        };
        if e.name.is_empty() {
            return Err("expression indexes on continuous aggregates are not supported yet".into());
        }
        let mut k = quote_ident(&e.name);
        let desc = e.ordering == pb::SortByDir::SortbyDesc as i32;
        if desc {
            k.push_str(" DESC");
        }
        match pb::SortByNulls::try_from(e.nulls_ordering)
            .unwrap_or(pb::SortByNulls::SortbyNullsDefault)
        {
            pb::SortByNulls::SortbyNullsFirst if !desc => k.push_str(" NULLS FIRST"),
            pb::SortByNulls::SortbyNullsLast if desc => k.push_str(" NULLS LAST"),
            _ => {}
        }
        keys.push(k);
    }
    Ok(CaggIndex {
        view,
        name: s.idxname.clone(),
        unique: s.unique,
        keys,
    })
}

/// `'device, "Site"'` → `["device", "Site"]`.
pub fn segmentby_list(text: &str) -> R<Vec<String>> {
    if text.trim().is_empty() {
        return Ok(vec![]);
    }
    let parsed = pg_query::parse(&format!("SELECT {text}"), 0)
        .map_err(|e| format!("compress_segmentby '{text}': {e}"))?;
    let Some(N::SelectStmt(s)) = parsed
        .protobuf
        .stmts
        .first()
        .and_then(|s| s.stmt.as_deref())
        .and_then(|s| s.node.as_ref())
    else {
        return Err(format!(
            "compress_segmentby '{text}': expected column names"
        ));
    };
    s.target_list
        .iter()
        .map(|t| match &t.node {
            Some(N::ResTarget(r)) => match r.val.as_deref().and_then(|v| v.node.as_ref()) {
                Some(N::ColumnRef(c)) => Ok(strings(&c.fields).join(".")),
                _ => Err(format!(
                    "compress_segmentby '{text}': expected column names"
                )),
            },
            _ => Err(format!(
                "compress_segmentby '{text}': expected column names"
            )),
        })
        .collect()
}

/// `'time DESC, device'` → `["\"time\" DESC", "device"]`: NULLS only when not the default.
pub fn orderby_list(text: &str) -> R<Vec<String>> {
    if text.trim().is_empty() {
        return Ok(vec![]);
    }
    let parsed = pg_query::parse(&format!("SELECT 1 ORDER BY {text}"), 0)
        .map_err(|e| format!("compress_orderby '{text}': {e}"))?;
    let Some(N::SelectStmt(s)) = parsed
        .protobuf
        .stmts
        .first()
        .and_then(|s| s.stmt.as_deref())
        .and_then(|s| s.node.as_ref())
    else {
        return Err(format!("compress_orderby '{text}': expected columns"));
    };
    s.sort_clause
        .iter()
        .map(|n| {
            let Some(N::SortBy(b)) = &n.node else {
                return Err(format!("compress_orderby '{text}': expected columns"));
            };
            let col = match b.node.as_deref().and_then(|v| v.node.as_ref()) {
                Some(N::ColumnRef(c)) => strings(&c.fields).join("."),
                _ => return Err(format!("compress_orderby '{text}': expected columns")),
            };
            let mut k = quote_ident(&col);
            let desc = b.sortby_dir == pb::SortByDir::SortbyDesc as i32;
            if desc {
                k.push_str(" DESC");
            }
            match pb::SortByNulls::try_from(b.sortby_nulls)
                .unwrap_or(pb::SortByNulls::SortbyNullsDefault)
            {
                pb::SortByNulls::SortbyNullsFirst if !desc => k.push_str(" NULLS FIRST"),
                pb::SortByNulls::SortbyNullsLast if desc => k.push_str(" NULLS LAST"),
                _ => {}
            }
            Ok(k)
        })
        .collect()
}

/// Adds the index `create_hypertable` creates by default, unless an index on the same
/// leading columns exists already (TimescaleDB then skips it).
fn add_default_index(
    schema: &mut Schema,
    table: &QualifiedName,
    cols: &[String],
    name: &str,
) -> R<()> {
    let covered = schema.indexes.values().any(|i| {
        &i.table == table
            && i.keys
                .iter()
                .zip(cols)
                .all(|(k, c)| k.column.as_deref() == Some(c.as_str()))
            && i.keys.len() >= cols.len()
    });
    if covered {
        return Ok(());
    }
    let last = cols.len() - 1;
    let keys: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == last {
                format!("{} DESC", quote_ident(c))
            } else {
                quote_ident(c)
            }
        })
        .collect();
    let sql = format!(
        "CREATE INDEX {} ON {}.{} USING btree ({});",
        quote_ident(name),
        quote_ident(&table.schema),
        quote_ident(&table.name),
        keys.join(", ")
    );
    let mut loader = Loader::default();
    loader.schema = std::mem::take(schema);
    let r = loader
        .load_text("<create_hypertable>", &sql)
        .map_err(|e| e.to_string());
    *schema = std::mem::take(&mut loader.schema);
    r
}
