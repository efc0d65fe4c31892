//! Canonical view queries: a view written in a file and the same view printed by
//! `pg_get_viewdef` compare equal.
//!
//! The catalog expands `*`, qualifies every column with its relation, names computed columns
//! (`count(*) AS count`), qualifies relations with their schema and adds casts. Both sides go
//! through the same steps, with the schema at hand to know each relation's columns:
//! expand `*`, qualify unqualified columns whose relation is unambiguous, drop aliases that
//! repeat the name PostgreSQL would choose anyway, drop `public.`, and apply the expression
//! rewrites of [`crate::normalize`]. The result is deparsed and compared as text.

use crate::normalize::{canonical_rewrite, strings};
use migrator_core::schema::QualifiedName;
use pg_query::protobuf::{self as pb, node::Node as N, Node};

/// A canonicalised query with what the view exposes and reads.
#[derive(Debug, Clone)]
pub struct CanonicalQuery {
    pub key: String,
    pub columns: Vec<String>,
    pub relations: Vec<QualifiedName>,
}

/// What the canonicaliser needs to know about the schema.
pub trait Relations {
    /// Resolves a relation name as written (`schema` may be empty).
    fn resolve(&self, schema: &str, name: &str) -> QualifiedName;
    /// The columns of a table or view, in order, if known.
    fn columns(&self, name: &QualifiedName) -> Option<Vec<String>>;
}

/// One entry of a FROM scope: the name columns are qualified with, and its columns.
struct ScopeEntry {
    refname: String,
    columns: Option<Vec<String>>,
}

/// What one canonicalisation shares down to its deepest sub-query: the schema it asks about
/// and the relations found read so far.
struct Walk<'a> {
    rel: &'a dyn Relations,
    relations: Vec<QualifiedName>,
}

impl<'a> Walk<'a> {
    fn new(rel: &'a dyn Relations) -> Self {
        Walk {
            rel,
            relations: Vec::new(),
        }
    }
}

/// Canonicalises a `SELECT` (the node of a view's query).
pub fn canonical_query(query: &Node, rel: &dyn Relations) -> Result<CanonicalQuery, String> {
    let Some(N::SelectStmt(select)) = &query.node else {
        return Err("a view's query must be a SELECT".into());
    };
    let mut select = select.as_ref().clone();
    let mut w = Walk::new(rel);
    let columns = canonical_select(&mut select, &mut w, &[])?;
    let mut relations = w.relations;
    let key = N::SelectStmt(Box::new(select))
        .deparse(Default::default())
        .map_err(|e| e.to_string())?;
    relations.sort();
    relations.dedup();
    Ok(CanonicalQuery {
        key,
        columns,
        relations,
    })
}

/// Rewrites one SELECT in place; returns its output column names.
fn canonical_select(
    s: &mut pb::SelectStmt,
    w: &mut Walk,
    outer_ctes: &[String],
) -> Result<Vec<String>, String> {
    let mut ctes: Vec<String> = outer_ctes.to_vec();
    if let Some(with) = s.with_clause.as_mut() {
        for c in &mut with.ctes {
            if let Some(N::CommonTableExpr(cte)) = c.node.as_mut() {
                ctes.push(cte.ctename.clone());
                if let Some(Some(N::SelectStmt(q))) = cte.ctequery.as_mut().map(|q| q.node.as_mut())
                {
                    canonical_select(q, w, &ctes)?;
                }
            }
        }
    }
    if s.op != pb::SetOperation::SetopNone as i32 && s.op != pb::SetOperation::Undefined as i32 {
        let mut cols = Vec::new();
        if let Some(l) = s.larg.as_mut() {
            cols = canonical_select(l, w, &ctes)?;
        }
        if let Some(r) = s.rarg.as_mut() {
            canonical_select(r, w, &ctes)?;
        }
        for sb in &mut s.sort_clause {
            canonical_expr(sb, &[], w, &ctes)?;
        }
        name_set_operation_leaves(s, &cols);
        return Ok(cols);
    }
    let mut scope = Vec::new();
    for f in &mut s.from_clause {
        from_item(f, w, &ctes, &mut scope)?;
    }
    // Expand `*` and `t.*`.
    let mut targets = Vec::new();
    for t in std::mem::take(&mut s.target_list) {
        match star_expansion(&t, &scope) {
            Some(expanded) => targets.extend(expanded),
            None => targets.push(t),
        }
    }
    s.target_list = targets;
    let mut columns = Vec::new();
    for t in &mut s.target_list {
        if let Some(N::ResTarget(r)) = t.node.as_mut() {
            if let Some(v) = r.val.as_mut() {
                canonical_expr(v, &scope, w, &ctes)?;
                let natural = natural_name(v);
                if r.name == natural {
                    r.name.clear();
                }
                columns.push(if r.name.is_empty() {
                    natural
                } else {
                    r.name.clone()
                });
            }
        }
    }
    for slot in [&mut s.where_clause, &mut s.having_clause]
        .into_iter()
        .flatten()
    {
        canonical_expr(slot, &scope, w, &ctes)?;
    }
    for g in s
        .group_clause
        .iter_mut()
        .chain(s.sort_clause.iter_mut())
        .chain(s.distinct_clause.iter_mut())
    {
        canonical_expr(g, &scope, w, &ctes)?;
    }
    Ok(columns)
}

/// Every branch of a UNION/INTERSECT/EXCEPT names its outputs after the first branch's, as
/// the catalog prints them (`SELECT 'ap' AS "table"` in the second branch too); names equal
/// to the natural ones are left out, as elsewhere.
fn name_set_operation_leaves(s: &mut pb::SelectStmt, cols: &[String]) {
    if s.op != pb::SetOperation::SetopNone as i32 && s.op != pb::SetOperation::Undefined as i32 {
        for side in [s.larg.as_mut(), s.rarg.as_mut()].into_iter().flatten() {
            name_set_operation_leaves(side, cols);
        }
        return;
    }
    for (t, name) in s.target_list.iter_mut().zip(cols) {
        if let Some(N::ResTarget(r)) = t.node.as_mut() {
            if let Some(v) = r.val.as_ref() {
                r.name = if natural_name(v) == *name {
                    String::new()
                } else {
                    name.clone()
                };
            }
        }
    }
}

/// Records a FROM item's relations and scope entries, canonicalising join conditions.
fn from_item(
    n: &mut Node,
    w: &mut Walk,
    ctes: &[String],
    scope: &mut Vec<ScopeEntry>,
) -> Result<(), String> {
    match n.node.as_mut() {
        Some(N::RangeVar(rv)) => {
            let is_cte = rv.schemaname.is_empty() && ctes.contains(&rv.relname);
            let refname = rv
                .alias
                .as_ref()
                .map(|a| a.aliasname.clone())
                .unwrap_or_else(|| rv.relname.clone());
            let columns = if is_cte {
                None
            } else {
                let q = w.rel.resolve(&rv.schemaname, &rv.relname);
                let cols = w.rel.columns(&q);
                w.relations.push(q);
                cols
            };
            if rv.schemaname == "public" {
                rv.schemaname.clear();
            }
            rv.location = 0;
            scope.push(ScopeEntry { refname, columns });
        }
        Some(N::JoinExpr(j)) => {
            if let Some(l) = j.larg.as_mut() {
                from_item(l, w, ctes, scope)?;
            }
            if let Some(r) = j.rarg.as_mut() {
                from_item(r, w, ctes, scope)?;
            }
            if let Some(q) = j.quals.as_mut() {
                canonical_expr(q, scope, w, ctes)?;
            }
        }
        Some(N::RangeSubselect(sub)) => {
            if let Some(Some(N::SelectStmt(q))) = sub.subquery.as_mut().map(|q| q.node.as_mut()) {
                let cols = canonical_select(q, w, ctes)?;
                if let Some(a) = &sub.alias {
                    scope.push(ScopeEntry {
                        refname: a.aliasname.clone(),
                        columns: Some(cols),
                    });
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// The targets `*` or `t.*` stand for, when every relation's columns are known.
fn star_expansion(t: &Node, scope: &[ScopeEntry]) -> Option<Vec<Node>> {
    let Some(N::ResTarget(r)) = &t.node else {
        return None;
    };
    let Some(N::ColumnRef(c)) = r.val.as_ref().and_then(|v| v.node.as_ref()) else {
        return None;
    };
    if !matches!(
        c.fields.last().and_then(|f| f.node.as_ref()),
        Some(N::AStar(_))
    ) {
        return None;
    }
    let qualifier = strings(&c.fields);
    let entries: Vec<&ScopeEntry> = match qualifier.as_slice() {
        [] => scope.iter().collect(),
        [t] => scope.iter().filter(|e| &e.refname == t).collect(),
        _ => return None,
    };
    if entries.is_empty() || entries.iter().any(|e| e.columns.is_none()) {
        return None;
    }
    let mut out = Vec::new();
    for e in entries {
        for col in e.columns.as_ref().into_iter().flatten() {
            out.push(Node {
                node: Some(N::ResTarget(Box::new(pb::ResTarget {
                    val: Some(Box::new(column_ref(&[&e.refname, col]))),
                    ..Default::default()
                }))),
            });
        }
    }
    Some(out)
}

fn column_ref(parts: &[&str]) -> Node {
    Node {
        node: Some(N::ColumnRef(pb::ColumnRef {
            fields: parts
                .iter()
                .map(|p| Node {
                    node: Some(N::String(pb::String {
                        sval: p.to_string(),
                    })),
                })
                .collect(),
            location: 0,
        })),
    }
}

/// The column name PostgreSQL gives an unnamed target (`FigureColname`).
fn natural_name(n: &Node) -> String {
    match &n.node {
        Some(N::ColumnRef(c)) => strings(&c.fields)
            .last()
            .cloned()
            .unwrap_or_else(|| "?column?".into()),
        Some(N::FuncCall(f)) => strings(&f.funcname).last().cloned().unwrap_or_default(),
        Some(N::TypeCast(c)) => match c.arg.as_deref() {
            Some(a) if !matches!(a.node, Some(N::AConst(_))) => natural_name(a),
            _ => c
                .type_name
                .as_ref()
                .and_then(|t| strings(&t.names).last().cloned())
                .unwrap_or_default(),
        },
        Some(N::CaseExpr(_)) => "case".into(),
        Some(N::CoalesceExpr(_)) => "coalesce".into(),
        Some(N::AArrayExpr(_)) => "array".into(),
        _ => "?column?".into(),
    }
}

/// Canonicalises an expression of a statement other than a view's `SELECT` (a rule's
/// condition or action): its unqualified columns are qualified from `scope`, pairs of the
/// name columns are qualified with and the relation's columns (`None`: not known), then the
/// expression rewrites apply. Returns the relations its sub-queries read.
pub fn canonical_expr_in(
    n: &mut Node,
    scope: &[(String, Option<Vec<String>>)],
    rel: &dyn Relations,
) -> Result<Vec<QualifiedName>, String> {
    let scope: Vec<ScopeEntry> = scope
        .iter()
        .map(|(refname, columns)| ScopeEntry {
            refname: refname.clone(),
            columns: columns.clone(),
        })
        .collect();
    let mut w = Walk::new(rel);
    canonical_expr(n, &scope, &mut w, &[])?;
    Ok(w.relations)
}

/// Canonicalises an expression: qualifies its columns from `scope`, recurses into
/// sub-queries, then applies the shared expression rewrites.
fn canonical_expr(
    n: &mut Node,
    scope: &[ScopeEntry],
    w: &mut Walk,
    ctes: &[String],
) -> Result<(), String> {
    qualify(n, scope, w, ctes)?;
    canonical_rewrite(n);
    Ok(())
}

fn qualify(
    n: &mut Node,
    scope: &[ScopeEntry],
    w: &mut Walk,
    ctes: &[String],
) -> Result<(), String> {
    let Some(inner) = n.node.as_mut() else {
        return Ok(());
    };
    let mut recurse = |x: &mut Node| qualify(x, scope, w, ctes);
    match inner {
        N::ColumnRef(c) => {
            let fields = strings(&c.fields);
            if fields.len() == 1 && c.fields.len() == 1 {
                let owners: Vec<&ScopeEntry> = scope
                    .iter()
                    .filter(|e| {
                        e.columns
                            .as_ref()
                            .is_some_and(|cols| cols.contains(&fields[0]))
                    })
                    .collect();
                if owners.len() == 1 {
                    *n = column_ref(&[&owners[0].refname, &fields[0]]);
                }
            }
            if let Some(N::ColumnRef(c)) = n.node.as_mut() {
                c.location = 0;
            }
        }
        N::SubLink(sl) => {
            if let Some(t) = sl.testexpr.as_mut() {
                recurse(t)?;
            }
            if let Some(Some(N::SelectStmt(q))) = sl.subselect.as_mut().map(|q| q.node.as_mut()) {
                canonical_select(q, w, ctes)?;
            }
        }
        N::AExpr(e) => {
            for side in [&mut e.lexpr, &mut e.rexpr].into_iter().flatten() {
                recurse(side)?;
            }
        }
        N::BoolExpr(b) => b.args.iter_mut().try_for_each(&mut recurse)?,
        N::FuncCall(f) => {
            f.args.iter_mut().try_for_each(&mut recurse)?;
            for o in &mut f.agg_order {
                recurse(o)?;
            }
            if let Some(flt) = f.agg_filter.as_mut() {
                recurse(flt)?;
            }
        }
        N::TypeCast(c) => {
            if let Some(a) = c.arg.as_mut() {
                recurse(a)?;
            }
        }
        N::NullTest(t) => {
            if let Some(a) = t.arg.as_mut() {
                recurse(a)?;
            }
        }
        N::BooleanTest(t) => {
            if let Some(a) = t.arg.as_mut() {
                recurse(a)?;
            }
        }
        N::CoalesceExpr(c) => c.args.iter_mut().try_for_each(&mut recurse)?,
        N::MinMaxExpr(m) => m.args.iter_mut().try_for_each(&mut recurse)?,
        N::AArrayExpr(a) => a.elements.iter_mut().try_for_each(&mut recurse)?,
        N::RowExpr(r) => r.args.iter_mut().try_for_each(&mut recurse)?,
        N::List(l) => l.items.iter_mut().try_for_each(&mut recurse)?,
        N::SortBy(s) => {
            if let Some(x) = s.node.as_mut() {
                recurse(x)?;
            }
            s.location = 0;
        }
        N::CaseExpr(c) => {
            if let Some(a) = c.arg.as_mut() {
                recurse(a)?;
            }
            for when in &mut c.args {
                if let Some(N::CaseWhen(when)) = when.node.as_mut() {
                    if let Some(e) = when.expr.as_mut() {
                        recurse(e)?;
                    }
                    if let Some(r) = when.result.as_mut() {
                        recurse(r)?;
                    }
                }
            }
            if let Some(d) = c.defresult.as_mut() {
                recurse(d)?;
            }
        }
        _ => {}
    }
    Ok(())
}
