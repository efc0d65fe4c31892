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
        self.hypertable(schema, table)?;
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
        c.insert(schema);
        Ok(())
    }
}

/// `'device, "Site"'` → `["device", "Site"]`.
pub fn segmentby_list(text: &str) -> R<Vec<String>> {
    let sql = format!("SELECT {text}");
    let entry = |t: &pb::Node| match &t.node {
        Some(N::ResTarget(r)) => column_name(r.val.as_deref()),
        _ => None,
    };
    option_list(text, "compress_segmentby", "column names", &sql, |s| {
        s.target_list.iter().map(entry).collect()
    })
}

/// `'time DESC, device'` → `["\"time\" DESC", "device"]`: NULLS only when not the default.
pub fn orderby_list(text: &str) -> R<Vec<String>> {
    let sql = format!("SELECT 1 ORDER BY {text}");
    let entry = |n: &pb::Node| match &n.node {
        Some(N::SortBy(b)) => column_name(b.node.as_deref())
            .map(|col| column_sort_key(&col, b.sortby_dir, b.sortby_nulls)),
        _ => None,
    };
    option_list(text, "compress_orderby", "columns", &sql, |s| {
        s.sort_clause.iter().map(entry).collect()
    })
}

/// The column a node names (`None` when it is not a column reference).
fn column_name(n: Option<&pb::Node>) -> Option<String> {
    match n?.node.as_ref()? {
        N::ColumnRef(c) => Some(strings(&c.fields).join(".")),
        _ => None,
    }
}

/// The entries of the `text` of a compression `option` (none when it is empty): `sql`, built
/// around it, parses to a `SELECT` whose entries `list` reads (`None`: one is not what the
/// option holds). Errors name the option and say what it should hold (`expected`).
fn option_list(
    text: &str,
    option: &str,
    expected: &str,
    sql: &str,
    list: impl Fn(&pb::SelectStmt) -> Option<Vec<String>>,
) -> R<Vec<String>> {
    if text.trim().is_empty() {
        return Ok(vec![]);
    }
    let wrong = || format!("{option} '{text}': expected {expected}");
    let parsed = pg_query::parse(sql, 0).map_err(|e| format!("{option} '{text}': {e}"))?;
    let stmt = parsed.protobuf.stmts.into_iter().next();
    let Some(N::SelectStmt(s)) = stmt.and_then(|s| s.stmt).and_then(|s| s.node) else {
        return Err(wrong());
    };
    list(&s).ok_or_else(wrong)
}
