//! The canonical form of a continuous aggregate's query.
//!
//! A file says `SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, max(v) FROM metrics
//! GROUP BY 1`; the catalog (`pg_get_viewdef`, under an empty search path) prints
//! `SELECT public.time_bucket('01:00:00'::interval, metrics."time") AS bucket,
//! max(metrics.v) AS max FROM public.metrics GROUP BY (public.time_bucket(…))`. Both are
//! parsed with pg_query and rewritten to one shape, then deparsed:
//! - relations are schema-qualified, functions and types lose `public.`/`pg_catalog.`;
//! - column references lose the qualifier of the single relation they come from;
//! - interval literals (and a bare string as `time_bucket`'s width) become
//!   `'<canonical>'::interval`; casts on numeric and text literals are dropped;
//! - every output column gets its name spelled out (`max(v) AS max`);
//! - `GROUP BY 1` becomes the expression it points at.
//!
//! The result is valid SQL and a fixed point: it is what the builder emits, and what the
//! catalog prints for it canonicalises to itself.

use crate::interval;
use migrator_postgres::normalize::{drop_catalog_qualifier, strings};
use pg_query::protobuf::{self as pb, a_const, node::Node as N, Node};

/// Canonicalises the query of a continuous aggregate; `default_schema` qualifies
/// unqualified relations.
///
/// `is_input_column` tells whether a bare name is a column of the relation read: PostgreSQL
/// resolves `GROUP BY name` to an input column first, then to an output column's alias.
pub fn canonical_query(
    query: &Node,
    default_schema: &str,
    is_input_column: &dyn Fn(&str) -> bool,
) -> Result<String, String> {
    let mut node = query.clone();
    let Some(N::SelectStmt(s)) = node.node.as_mut() else {
        return Err("a continuous aggregate's query must be a SELECT".into());
    };
    let single = single_relation(&s.from_clause);
    let mut cx = Cx {
        default_schema,
        single,
    };
    for f in &mut s.from_clause {
        cx.walk(f);
    }
    for t in &mut s.target_list {
        cx.walk(t);
        if let Some(N::ResTarget(r)) = t.node.as_mut() {
            if r.name.is_empty() {
                r.name = r.val.as_deref().map(implicit_name).unwrap_or_default();
            }
        }
    }
    let targets = s.target_list.clone();
    let by_alias = |name: &str| {
        targets.iter().find_map(|t| match &t.node {
            Some(N::ResTarget(r)) if r.name == name => r.val.as_deref().cloned(),
            _ => None,
        })
    };
    for g in &mut s.group_clause {
        if let Some(N::ColumnRef(c)) = &g.node {
            if let [name] = strings(&c.fields).as_slice() {
                if !is_input_column(name) {
                    if let Some(val) = by_alias(name) {
                        *g = val;
                        continue;
                    }
                }
            }
        }
        if let Some(N::AConst(c)) = &g.node {
            if let Some(a_const::Val::Ival(i)) = &c.val {
                let idx = usize::try_from(i.ival).unwrap_or(0);
                let val = targets
                    .get(idx.wrapping_sub(1))
                    .and_then(|t| match &t.node {
                        Some(N::ResTarget(r)) => r.val.as_deref().cloned(),
                        _ => None,
                    })
                    .ok_or_else(|| format!("GROUP BY {idx} is not a column of the query"))?;
                *g = val;
                continue;
            }
        }
        cx.walk(g);
    }
    for x in [&mut s.where_clause, &mut s.having_clause]
        .into_iter()
        .flatten()
    {
        cx.walk(x);
    }
    for x in &mut s.sort_clause {
        cx.walk(x);
    }
    node.deparse(Default::default()).map_err(|e| e.to_string())
}

/// The relation of a single-table FROM, as (schema, name, alias).
fn single_relation(from: &[Node]) -> Option<(String, String)> {
    match from {
        [Node {
            node: Some(N::RangeVar(r)),
        }] => Some((
            r.schemaname.clone(),
            r.alias
                .as_ref()
                .map_or(r.relname.clone(), |a| a.aliasname.clone()),
        )),
        _ => None,
    }
}

/// PostgreSQL's name for an output column written without `AS` (FigureColname).
fn implicit_name(n: &Node) -> String {
    match &n.node {
        Some(N::FuncCall(f)) => strings(&f.funcname).last().cloned().unwrap_or_default(),
        Some(N::ColumnRef(c)) => strings(&c.fields).last().cloned().unwrap_or_default(),
        Some(N::TypeCast(t)) => match t.arg.as_deref().map(implicit_name) {
            Some(s) if s != "?column?" => s,
            _ => t
                .type_name
                .as_ref()
                .and_then(|t| strings(&t.names).last().cloned())
                .unwrap_or_default(),
        },
        _ => "?column?".into(),
    }
}

struct Cx<'a> {
    default_schema: &'a str,
    single: Option<(String, String)>,
}

fn string_node(s: &str) -> Node {
    Node {
        node: Some(N::String(pb::String { sval: s.into() })),
    }
}

fn interval_cast(text: &str) -> Node {
    Node {
        node: Some(N::TypeCast(Box::new(pb::TypeCast {
            arg: Some(Box::new(Node {
                node: Some(N::AConst(pb::AConst {
                    val: Some(a_const::Val::Sval(pb::String {
                        sval: text.to_string(),
                    })),
                    ..Default::default()
                })),
            })),
            type_name: Some(pb::TypeName {
                // Qualified, so the deparser prints the bare keyword `interval`.
                names: vec![string_node("pg_catalog"), string_node("interval")],
                typemod: -1,
                ..Default::default()
            }),
            location: -1,
        }))),
    }
}

fn string_const(n: &Node) -> Option<&str> {
    match &n.node {
        Some(N::AConst(pb::AConst {
            val: Some(a_const::Val::Sval(s)),
            ..
        })) => Some(&s.sval),
        _ => None,
    }
}

impl Cx<'_> {
    /// [`Self::walk`] of each node.
    fn walk_each<'n>(&mut self, nodes: impl IntoIterator<Item = &'n mut Node>) {
        for n in nodes {
            self.walk(n);
        }
    }

    fn walk(&mut self, n: &mut Node) {
        let Some(inner) = n.node.as_mut() else {
            return;
        };
        match inner {
            N::RangeVar(r) if r.schemaname.is_empty() => {
                r.schemaname = self.default_schema.to_string();
            }
            N::ResTarget(r) => self.walk_each(r.val.as_deref_mut()),
            N::ColumnRef(c) => {
                if let Some((_, rel)) = &self.single {
                    let parts = strings(&c.fields);
                    if c.fields.len() >= 2
                        && parts.len() == c.fields.len()
                        && parts[parts.len() - 2] == *rel
                    {
                        let last = c.fields.len() - 1;
                        c.fields.drain(..last);
                    }
                }
            }
            N::FuncCall(f) => {
                drop_catalog_qualifier(&mut f.funcname);
                let name = strings(&f.funcname).join(".");
                for (i, a) in f.args.iter_mut().enumerate() {
                    if i == 0 && name.starts_with("time_bucket") {
                        if let Some(text) = string_const(a) {
                            if let Ok(c) = interval::canonical(text) {
                                *a = interval_cast(&c);
                                continue;
                            }
                        }
                    }
                    self.walk(a);
                }
                self.walk_each(&mut f.agg_order);
                self.walk_each(f.agg_filter.as_deref_mut());
            }
            N::TypeCast(t) => {
                if let Some(tn) = t.type_name.as_mut() {
                    drop_catalog_qualifier(&mut tn.names);
                }
                let ty = t
                    .type_name
                    .as_ref()
                    .and_then(|tn| strings(&tn.names).last().cloned())
                    .unwrap_or_default();
                let arg = t.arg.as_deref().cloned();
                if let Some(mut arg) = arg {
                    if ty == "interval" {
                        if let Some(c) =
                            string_const(&arg).and_then(|s| interval::canonical(s).ok())
                        {
                            *n = interval_cast(&c);
                            return;
                        }
                    }
                    if matches!(arg.node, Some(N::AConst(_)))
                        && matches!(
                            ty.as_str(),
                            "int2" | "int4" | "int8" | "float4" | "float8" | "numeric" | "text"
                        )
                    {
                        if let Some(N::AConst(c)) = arg.node.as_mut() {
                            if let Some(a_const::Val::Sval(s)) = &c.val {
                                if ty != "text" {
                                    if let Ok(i) = s.sval.parse::<i32>() {
                                        c.val = Some(a_const::Val::Ival(pb::Integer { ival: i }));
                                    } else if s.sval.parse::<f64>().is_ok() {
                                        c.val = Some(a_const::Val::Fval(pb::Float {
                                            fval: s.sval.clone(),
                                        }));
                                    }
                                }
                            }
                        }
                        *n = arg;
                        return;
                    }
                    self.walk(&mut arg);
                    t.arg = Some(Box::new(arg));
                }
            }
            N::AExpr(e) => self.walk_each(
                [e.lexpr.as_deref_mut(), e.rexpr.as_deref_mut()]
                    .into_iter()
                    .flatten(),
            ),
            N::BoolExpr(b) => self.walk_each(&mut b.args),
            N::NullTest(t) => self.walk_each(t.arg.as_deref_mut()),
            N::List(l) => self.walk_each(&mut l.items),
            N::SortBy(s) => self.walk_each(s.node.as_deref_mut()),
            N::JoinExpr(j) => {
                self.single = None;
                self.walk_each(
                    [
                        j.larg.as_deref_mut(),
                        j.rarg.as_deref_mut(),
                        j.quals.as_deref_mut(),
                    ]
                    .into_iter()
                    .flatten(),
                );
            }
            _ => {}
        }
    }
}

/// Canonicalises a query given as SQL text (`SELECT …`).
pub fn canonical_query_text(sql: &str, default_schema: &str) -> Result<String, String> {
    let parsed = pg_query::parse(sql, 0).map_err(|e| e.to_string())?;
    let stmt = parsed
        .protobuf
        .stmts
        .first()
        .and_then(|s| s.stmt.as_deref())
        .ok_or("an empty query")?;
    canonical_query(stmt, default_schema, &|_| false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_and_catalog_queries_agree() {
        let file = "SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, device, avg(v) AS avg_v, max(v) FROM metrics GROUP BY 1, 2";
        let catalog = " SELECT public.time_bucket('01:00:00'::interval, metrics.\"time\") AS bucket,\n    metrics.device,\n    avg(metrics.v) AS avg_v,\n    max(metrics.v) AS max\n   FROM public.metrics\n  GROUP BY (public.time_bucket('01:00:00'::interval, metrics.\"time\")), metrics.device;";
        let a = canonical_query_text(file, "public").unwrap();
        let b = canonical_query_text(catalog, "public").unwrap();
        assert_eq!(a, b);
        assert_eq!(
            canonical_query_text(&a, "public").unwrap(),
            a,
            "a fixed point"
        );
        let by_alias = "SELECT time_bucket('1 hour', time) AS bucket, device, avg(v) avg_v, max(v) AS max FROM public.metrics GROUP BY bucket, device";
        assert_eq!(canonical_query_text(by_alias, "public").unwrap(), a);
        let other = "SELECT time_bucket('1 day', time) AS bucket, device, avg(v) avg_v, max(v) AS max FROM public.metrics GROUP BY 1, 2";
        assert_ne!(canonical_query_text(other, "public").unwrap(), a);
    }
}
