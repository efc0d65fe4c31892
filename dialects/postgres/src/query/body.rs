//! SQL-standard function bodies (`RETURN e`, `BEGIN ATOMIC … END`) in canonical form: their
//! `SELECT`s as views' queries, their `INSERT`/`UPDATE`/`DELETE` with the target's columns
//! qualified as the catalog prints them, and the function's parameters unqualified.

use super::{canonical_expr, canonical_select, from_item, Relations, ScopeEntry, Walk};
use pg_query::protobuf::{self as pb, node::Node as N, Node};

/// The function whose SQL-standard body is canonicalised: the catalog qualifies a
/// parameter with the function's name (`f.p`) wherever the body reads a relation, so `f.p`
/// compares as `p`.
pub struct Routine {
    pub name: String,
    pub parameters: Vec<String>,
}

/// Canonicalises a `SELECT` of the SQL-standard body of `routine`; see [`canonical_query`].
pub fn canonical_body_query(
    query: &Node,
    rel: &dyn Relations,
    routine: &Routine,
) -> Result<String, String> {
    let Some(N::SelectStmt(select)) = &query.node else {
        return Err("not a SELECT".into());
    };
    let mut select = select.as_ref().clone();
    let mut w = Walk::new(rel);
    w.routine = Some(routine);
    canonical_select(&mut select, &mut w, &[], &[])?;
    N::SelectStmt(Box::new(select))
        .deparse(Default::default())
        .map_err(|e| e.to_string())
}

/// Canonicalises one statement of a `BEGIN ATOMIC` body of `routine` as the catalog prints
/// it: a `SELECT` as a view's query; an `INSERT`, `UPDATE` or `DELETE` with its target's
/// columns qualified by the target's name, which the relations of its `SELECT`, `FROM` or
/// `USING` do not reuse (`items` → `items_1`), and an `INSERT`'s column list filled in.
pub fn canonical_body_statement(
    st: &Node,
    rel: &dyn Relations,
    routine: &Routine,
) -> Result<String, String> {
    let mut st = st.clone();
    let mut w = Walk::new(rel);
    w.routine = Some(routine);
    match st.node.as_mut() {
        Some(N::SelectStmt(_)) => return canonical_body_query(&st, rel, routine),
        Some(N::InsertStmt(i)) => {
            let target = target_entry(i.relation.as_mut(), &mut w);
            fill_insert_columns(i, target.columns.as_deref());
            let scope = vec![target.clone()];
            if let Some(Some(N::SelectStmt(sel))) = i.select_stmt.as_mut().map(|n| n.node.as_mut())
            {
                let hidden = vec![ScopeEntry {
                    columns: None,
                    named_only: true,
                    merged: Vec::new(),
                    ..target
                }];
                if sel.values_lists.is_empty() {
                    canonical_select(sel, &mut w, &[], &hidden)?;
                } else {
                    for row in &mut sel.values_lists {
                        canonical_expr(row, &hidden, &mut w, &[])?;
                    }
                }
            }
            returning(&mut i.returning_clause, &scope, &mut w)?;
        }
        Some(N::UpdateStmt(u)) => {
            let scope = write_scope(u.relation.as_mut(), &mut u.from_clause, &mut w)?;
            for t in &mut u.target_list {
                if let Some(N::ResTarget(rt)) = t.node.as_mut() {
                    rt.location = 0;
                    if let Some(v) = rt.val.as_mut() {
                        canonical_expr(v, &scope, &mut w, &[])?;
                    }
                }
            }
            let filter = u.where_clause.as_deref_mut();
            filter_and_returning(filter, &mut u.returning_clause, &scope, &mut w)?;
        }
        Some(N::DeleteStmt(d)) => {
            let scope = write_scope(d.relation.as_mut(), &mut d.using_clause, &mut w)?;
            let filter = d.where_clause.as_deref_mut();
            filter_and_returning(filter, &mut d.returning_clause, &scope, &mut w)?;
        }
        _ => {}
    }
    st.deparse(Default::default()).map_err(|e| e.to_string())
}

/// The scope of an `UPDATE … FROM` or `DELETE … USING`: the target, then the other
/// relations.
fn write_scope(
    target: Option<&mut pb::RangeVar>,
    others: &mut [Node],
    w: &mut Walk,
) -> Result<Vec<ScopeEntry>, String> {
    let mut scope = vec![target_entry(target, w)];
    for f in others {
        from_item(f, w, &[], &mut scope, 0, &[])?;
    }
    Ok(scope)
}

/// The `WHERE` and `RETURNING` of an `UPDATE` or `DELETE`.
fn filter_and_returning(
    filter: Option<&mut Node>,
    r: &mut Option<pb::ReturningClause>,
    scope: &[ScopeEntry],
    w: &mut Walk,
) -> Result<(), String> {
    if let Some(x) = filter {
        canonical_expr(x, scope, w, &[])?;
    }
    returning(r, scope, w)
}

/// The scope entry of the relation an `INSERT`, `UPDATE` or `DELETE` writes to, its schema
/// `public` dropped as everywhere.
fn target_entry(rv: Option<&mut pb::RangeVar>, w: &mut Walk) -> ScopeEntry {
    let Some(rv) = rv else {
        return ScopeEntry {
            refname: String::new(),
            written: String::new(),
            columns: None,
            level: 0,
            named_only: false,
            merged: Vec::new(),
        };
    };
    let q = w.rel.resolve(&rv.schemaname, &rv.relname);
    let columns = w.rel.columns(&q);
    w.relations.push(q);
    if rv.schemaname == "public" {
        rv.schemaname.clear();
    }
    rv.location = 0;
    let refname = rv
        .alias
        .as_ref()
        .map_or(&rv.relname, |a| &a.aliasname)
        .clone();
    ScopeEntry {
        written: refname.clone(),
        refname,
        columns,
        level: 0,
        named_only: false,
        merged: Vec::new(),
    }
}

fn returning(
    r: &mut Option<pb::ReturningClause>,
    scope: &[ScopeEntry],
    w: &mut Walk,
) -> Result<(), String> {
    for e in returning_exprs(r) {
        canonical_expr(e, scope, w, &[])?;
    }
    Ok(())
}

/// The expressions of a `RETURNING` list.
pub(crate) fn returning_exprs(
    r: &mut Option<pb::ReturningClause>,
) -> impl Iterator<Item = &mut Node> {
    r.iter_mut()
        .flat_map(|r| r.exprs.iter_mut())
        .filter_map(|t| match t.node.as_mut() {
            Some(N::ResTarget(rt)) => rt.val.as_deref_mut(),
            _ => None,
        })
}

/// `INSERT INTO t VALUES (…)` names its columns as PostgreSQL stores it: the table's first
/// columns, as many as the rows have values.
pub(crate) fn fill_insert_columns(i: &mut pb::InsertStmt, columns: Option<&[String]>) {
    let (Some(columns), true) = (columns, i.cols.is_empty()) else {
        return;
    };
    let Some(Some(N::SelectStmt(sel))) = i.select_stmt.as_ref().map(|n| n.node.as_ref()) else {
        return;
    };
    let width = match sel.values_lists.first().and_then(|r| r.node.as_ref()) {
        Some(N::List(row)) => row.items.len(),
        _ => sel.target_list.len(),
    };
    i.cols = columns
        .iter()
        .take(width)
        .map(|c| Node {
            node: Some(N::ResTarget(Box::new(pb::ResTarget {
                name: c.clone(),
                ..Default::default()
            }))),
        })
        .collect();
}

/// Canonicalises the expression of `RETURN e` in the body of `routine`: its sub-queries as
/// a view's, its parameters unqualified, then the expression rewrites.
pub fn canonical_return(
    n: &mut Node,
    rel: &dyn Relations,
    routine: &Routine,
) -> Result<(), String> {
    let mut w = Walk::new(rel);
    w.routine = Some(routine);
    canonical_expr(n, &[], &mut w, &[])
}
