//! Compression settings: `ALTER TABLE … SET (timescaledb.compress, compress_segmentby,
//! compress_orderby)` (or the columnstore spellings), and the same options on a continuous
//! aggregate's `ALTER MATERIALIZED VIEW`.

use super::args::bool_arg;
use super::{Cx, R};
use crate::objects::*;
use migrator_core::schema::{QualifiedName, Schema};
use migrator_postgres::load::column_sort_key;
use migrator_postgres::normalize::{const_text, strings};
use pg_query::protobuf::{self as pb, node::Node as N, ObjectType as Ot};

impl Cx<'_> {
    /// `ALTER TABLE | MATERIALIZED VIEW … SET (timescaledb.…)`; `None` without such options.
    pub(super) fn alter_table(&self, s: &pb::AlterTableStmt, schema: &mut Schema) -> Option<R<()>> {
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
            let rel = self.rangevar(rv, schema);
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
        let mut c = match schema.dialect_objects.get(&object_id(&ck)) {
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
            schema.dialect_objects.remove(&object_id(&ck));
            return Ok(());
        }
        insert_object(schema, ck, vec![table.clone()], vec![hk], &c);
        Ok(())
    }
}

/// `'device, "Site"'` → `["device", "Site"]`.
pub fn segmentby_list(text: &str) -> R<Vec<String>> {
    if text.trim().is_empty() {
        return Ok(vec![]);
    }
    let s = option_select(
        &format!("SELECT {text}"),
        "compress_segmentby",
        text,
        "column names",
    )?;
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
    let s = option_select(
        &format!("SELECT 1 ORDER BY {text}"),
        "compress_orderby",
        text,
        "columns",
    )?;
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
            Ok(column_sort_key(&col, b.sortby_dir, b.sortby_nulls))
        })
        .collect()
}

/// The `SELECT` that `sql`, built around the `text` of a compression `option`, parses to;
/// errors name the option and say what it should hold (`expected`).
fn option_select(sql: &str, option: &str, text: &str, expected: &str) -> R<Box<pb::SelectStmt>> {
    let parsed = pg_query::parse(sql, 0).map_err(|e| format!("{option} '{text}': {e}"))?;
    let stmt = parsed.protobuf.stmts.into_iter().next();
    match stmt.and_then(|s| s.stmt).and_then(|s| s.node) {
        Some(N::SelectStmt(s)) => Ok(s),
        _ => Err(format!("{option} '{text}': expected {expected}")),
    }
}
