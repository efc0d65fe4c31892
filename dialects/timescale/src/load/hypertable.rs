//! Hypertables: `create_hypertable` (both its forms), `add_dimension` and
//! `set_chunk_time_interval`, and the indexes `create_hypertable` makes by default.

use super::args::{
    args, bool_arg, chunk_interval, func_name, int_arg, is_null, refuse, text_arg,
    with_dimension_builder,
};
use super::{Cx, R};
use crate::objects::*;
use migrator_core::schema::{QualifiedName, Schema};
use migrator_postgres::load::Loader;
use migrator_postgres::normalize::split_qualified;
use migrator_postgres::quote::quote_ident;
use pg_query::protobuf::{self as pb, node::Node as N, Node};
use std::collections::BTreeMap;

impl Cx<'_> {
    /// The hypertable `table` is, with its key, or the error saying it is none.
    pub(super) fn hypertable(
        &self,
        schema: &Schema,
        table: &QualifiedName,
    ) -> R<(QualifiedName, Hypertable)> {
        let k = table_key(HYPERTABLE, table);
        let o = schema
            .dialect_objects
            .get(&object_id(&k))
            .ok_or_else(|| format!("table {table} is not a hypertable"))?;
        Ok((k, payload(o)?))
    }

    pub(super) fn is_integer_column(
        schema: &Schema,
        table: &QualifiedName,
        column: &str,
    ) -> R<bool> {
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
                let (a, column) = builder_args(f, "by_range", "partition_interval")?;
                let integer = Self::is_integer_column(schema, table, &column)?;
                let interval = chunk_interval(a.get("partition_interval"), integer, "by_range")?;
                Ok(Some(Dimension::Range {
                    column,
                    interval,
                    integer,
                }))
            }
            "by_hash" => {
                let (a, column) = builder_args(f, "by_hash", "number_partitions")?;
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

    /// `create_hypertable(…)`, in its old form (`time_column_name`, …) or its new one
    /// (`by_range(…)`).
    pub(super) fn create_hypertable(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let new_form = with_dimension_builder(f);
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
        refuse(
            &a,
            "create_hypertable",
            &[
                "associated_schema_name",
                "associated_table_prefix",
                "partitioning_func",
                "chunk_target_size",
                "chunk_sizing_func",
                "time_partitioning_func",
            ],
        )?;
        let table = self.relation_arg(
            &a,
            "relation",
            "create_hypertable: the relation is missing",
            schema,
        )?;
        if !schema.tables.contains_key(&table) {
            return Err(format!("create_hypertable: table {table} does not exist"));
        }
        let k = table_key(HYPERTABLE, &table);
        if schema.dialect_objects.contains_key(&object_id(&k)) {
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
        let h = Hypertable {
            table,
            time_column,
            chunk_interval: chunk,
            integer,
            dimensions,
            integer_now_func: None,
        };
        let default_indexes = a.get("create_default_indexes").and_then(bool_arg) != Some(false);
        insert_hypertable(schema, h, default_indexes)
    }

    /// `add_dimension(…)`, in its old form or with `by_range(…)`/`by_hash(…)`.
    pub(super) fn add_dimension(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let new_form = with_dimension_builder(f);
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
        if let Dimension::Range { column, .. } = &dim {
            set_not_null(schema, &table, column)?;
        }
        h.dimensions.push(dim);
        set_payload(schema, &k, &h)
    }

    /// `set_chunk_time_interval(…)`, of the time dimension or a named one.
    pub(super) fn set_chunk_time_interval(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let a = args(f, &["hypertable", "chunk_time_interval", "dimension_name"])?;
        let table = self.relation_arg(
            &a,
            "hypertable",
            "set_chunk_time_interval: the hypertable is missing",
            schema,
        )?;
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
        set_payload(schema, &k, &h)
    }
}

impl Cx<'_> {
    /// `set_integer_now_func(…)`: the function, resolved along the search path, becomes
    /// part of the hypertable (which then depends on it).
    pub(super) fn set_integer_now_func(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let a = args(f, &["hypertable", "integer_now_func", "replace_if_exists"])?;
        let table = self.relation_arg(
            &a,
            "hypertable",
            "set_integer_now_func: the hypertable is missing",
            schema,
        )?;
        let (k, mut h) = self.hypertable(schema, &table)?;
        if !h.integer {
            return Err(format!(
                "set_integer_now_func: the time column of {table} is not an integer"
            ));
        }
        let text = a
            .get("integer_now_func")
            .and_then(text_arg)
            .ok_or("set_integer_now_func: integer_now_func is missing")?;
        let func = match split_qualified(text.trim()).as_slice() {
            [s, n] => QualifiedName::new(s.clone(), n.clone()),
            [n] => self
                .names
                .resolve("", n, |q| schema.functions.values().any(|f| &f.name == q)),
            _ => {
                return Err(format!(
                    "set_integer_now_func: cannot read the function name {text}"
                ))
            }
        };
        if h.integer_now_func.is_some()
            && a.get("replace_if_exists").and_then(bool_arg) != Some(true)
        {
            return Err(format!(
                "set_integer_now_func: {table} has an integer_now function already (replace_if_exists => true replaces it)"
            ));
        }
        h.integer_now_func = Some(func);
        set_payload(schema, &k, &h)?;
        let o = schema
            .dialect_objects
            .get_mut(&object_id(&k))
            .expect("looked up");
        o.depends_on = h.depends_on();
        Ok(())
    }

    /// `set_number_partitions(…)`: of the hash dimension named, or of the only one.
    pub(super) fn set_number_partitions(&self, f: &pb::FuncCall, schema: &mut Schema) -> R<()> {
        let a = args(f, &["hypertable", "number_partitions", "dimension_name"])?;
        let table = self.relation_arg(
            &a,
            "hypertable",
            "set_number_partitions: the hypertable is missing",
            schema,
        )?;
        let (k, mut h) = self.hypertable(schema, &table)?;
        let n = a
            .get("number_partitions")
            .and_then(int_arg)
            .ok_or("set_number_partitions: number_partitions is missing")?;
        let name = a.get("dimension_name").and_then(text_arg);
        let mut hashes = h.dimensions.iter_mut().filter_map(|d| match d {
            Dimension::Hash { column, partitions }
                if name.as_deref().is_none_or(|x| x == column) =>
            {
                Some(partitions)
            }
            _ => None,
        });
        match (hashes.next(), hashes.next()) {
            (Some(p), None) => *p = n,
            (None, _) => {
                return Err(format!(
                    "set_number_partitions: {table} has no hash dimension{}",
                    name.map(|n| format!(" {n}")).unwrap_or_default()
                ))
            }
            (Some(_), Some(_)) => {
                return Err(format!(
                    "set_number_partitions: {table} has several hash dimensions; name one with dimension_name"
                ))
            }
        }
        set_payload(schema, &k, &h)
    }
}

/// Adds the hypertable `h` (not one yet), with the indexes TimescaleDB creates by default
/// when `default_indexes`; its time column becomes `NOT NULL`.
pub(super) fn insert_hypertable(
    schema: &mut Schema,
    h: Hypertable,
    default_indexes: bool,
) -> R<()> {
    let (table, time_column) = (&h.table, &h.time_column);
    if default_indexes {
        let mut defaults = vec![(
            vec![time_column.clone()],
            format!("{}_{}_idx", table.name, time_column),
        )];
        if let Some(Dimension::Hash { column, .. }) = h.dimensions.first() {
            defaults.push((
                vec![column.clone(), time_column.clone()],
                format!("{}_{}_{}_idx", table.name, column, time_column),
            ));
        }
        for (cols, name) in defaults {
            add_default_index(schema, table, &cols, &name)?;
        }
    }
    set_not_null(schema, table, time_column)?;
    insert_object(
        schema,
        table_key(HYPERTABLE, table),
        h.depends_on(),
        vec![],
        &h,
    );
    Ok(())
}

/// TimescaleDB makes the column of a range (time) dimension `NOT NULL`, as
/// `create_hypertable` and `add_dimension` do (measured on 2.23; hash dimensions stay as
/// they are), and refuses to drop it again.
pub(super) fn set_not_null(schema: &mut Schema, table: &QualifiedName, column: &str) -> R<()> {
    let c = schema
        .tables
        .get_mut(table)
        .and_then(|t| t.columns_mut().iter_mut().find(|c| c.name == column))
        .ok_or_else(|| format!("column {column} of table {table} does not exist"))?;
    c.not_null = true;
    Ok(())
}

/// The arguments of the dimension builder `name` (`by_range`, `by_hash`), whose second
/// parameter is `second`, and the column it names.
fn builder_args(f: &pb::FuncCall, name: &str, second: &str) -> R<(BTreeMap<String, Node>, String)> {
    let a = args(f, &["column_name", second, "partition_func"])?;
    if a.contains_key("partition_func") {
        return Err(format!("{name}: partition_func is not supported yet"));
    }
    let column = a
        .get("column_name")
        .and_then(text_arg)
        .ok_or_else(|| format!("{name}: the column name is missing"))?;
    Ok((a, column))
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
