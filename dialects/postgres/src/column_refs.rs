//! Column and relation references inside parsed SQL: which columns an expression names, and
//! the same tree with a column or a relation renamed.
//!
//! Core never parses SQL, so an [`Expr`](migrator_core::schema::Expr) carries the columns it
//! names (`Expr::columns`), found here by walking pg_query's `ColumnRef`s; and a rename
//! replayed from a migration rewrites references here, in the parse tree, never in the text.
//! One walk serves both: it hands every `ColumnRef` and `RangeVar` it meets to a callback.

use crate::normalize::strings;
use pg_query::protobuf::{self as pb, node::Node as N, Node};

/// What the walk meets.
pub(crate) enum Hit<'a> {
    Column(&'a mut pb::ColumnRef),
    Relation(&'a mut pb::RangeVar),
    /// A node the walk does not know the shape of: it may hold references it cannot reach.
    Opaque(&'a Node),
}

/// Calls `f` on every column reference and relation in `node`. `subqueries`: whether to go
/// into sub-selects, whose references belong to their own FROM lists.
pub(crate) fn walk(node: &mut Node, subqueries: bool, f: &mut dyn FnMut(Hit)) {
    let Some(inner) = node.node.as_mut() else {
        return;
    };
    let each = |nodes: &mut Vec<Node>, f: &mut dyn FnMut(Hit)| {
        nodes.iter_mut().for_each(|n| walk(n, subqueries, f))
    };
    let one = |n: &mut Option<Box<Node>>, f: &mut dyn FnMut(Hit)| {
        if let Some(n) = n.as_deref_mut() {
            walk(n, subqueries, f)
        }
    };
    match inner {
        N::ColumnRef(c) => f(Hit::Column(c)),
        N::RangeVar(r) => f(Hit::Relation(r)),
        N::AExpr(e) => {
            one(&mut e.lexpr, f);
            one(&mut e.rexpr, f);
        }
        N::BoolExpr(b) => each(&mut b.args, f),
        N::FuncCall(c) => {
            each(&mut c.args, f);
            each(&mut c.agg_order, f);
            one(&mut c.agg_filter, f);
            if let Some(w) = c.over.as_deref_mut() {
                each(&mut w.partition_clause, f);
                each(&mut w.order_clause, f);
            }
        }
        N::TypeCast(c) => one(&mut c.arg, f),
        N::CollateClause(c) => one(&mut c.arg, f),
        N::NullTest(t) => one(&mut t.arg, f),
        N::BooleanTest(t) => one(&mut t.arg, f),
        N::CoalesceExpr(c) => each(&mut c.args, f),
        N::MinMaxExpr(m) => each(&mut m.args, f),
        N::AArrayExpr(a) => each(&mut a.elements, f),
        N::RowExpr(r) => each(&mut r.args, f),
        N::List(l) => each(&mut l.items, f),
        N::SortBy(s) => one(&mut s.node, f),
        N::NamedArgExpr(a) => one(&mut a.arg, f),
        N::AIndirection(a) => {
            one(&mut a.arg, f);
            each(&mut a.indirection, f);
        }
        N::AIndices(i) => {
            one(&mut i.lidx, f);
            one(&mut i.uidx, f);
        }
        N::CaseExpr(c) => {
            one(&mut c.arg, f);
            each(&mut c.args, f);
            one(&mut c.defresult, f);
        }
        N::CaseWhen(w) => {
            one(&mut w.expr, f);
            one(&mut w.result, f);
        }
        N::ResTarget(t) => one(&mut t.val, f),
        N::GroupingFunc(g) => each(&mut g.args, f),
        N::SubLink(s) => {
            one(&mut s.testexpr, f);
            if subqueries {
                one(&mut s.subselect, f);
            }
        }
        N::SelectStmt(s) => walk_select(s, subqueries, f),
        N::RangeSubselect(s) => one(&mut s.subquery, f),
        N::JoinExpr(j) => {
            one(&mut j.larg, f);
            one(&mut j.rarg, f);
            one(&mut j.quals, f);
        }
        N::CommonTableExpr(c) => one(&mut c.ctequery, f),
        N::RangeFunction(r) => each(&mut r.functions, f),
        N::AConst(_)
        | N::ParamRef(_)
        | N::SqlvalueFunction(_)
        | N::String(_)
        | N::Integer(_)
        | N::Float(_)
        | N::Boolean(_)
        | N::AStar(_)
        | N::SetToDefault(_)
        | N::TypeName(_) => {}
        _ => f(Hit::Opaque(node)),
    }
}

fn walk_select(s: &mut pb::SelectStmt, subqueries: bool, f: &mut dyn FnMut(Hit)) {
    let lists = [
        &mut s.target_list,
        &mut s.from_clause,
        &mut s.group_clause,
        &mut s.sort_clause,
        &mut s.distinct_clause,
        &mut s.values_lists,
    ];
    for l in lists {
        l.iter_mut().for_each(|n| walk(n, subqueries, f));
    }
    for n in [&mut s.where_clause, &mut s.having_clause]
        .into_iter()
        .flatten()
    {
        walk(n, subqueries, f);
    }
    if let Some(w) = s.with_clause.as_mut() {
        w.ctes.iter_mut().for_each(|n| walk(n, subqueries, f));
    }
    for side in [&mut s.larg, &mut s.rarg].into_iter().flatten() {
        walk_select(side, subqueries, f);
    }
}

/// The columns `node` names (the last part of each column reference), sorted and distinct;
/// sub-selects excluded. A node the walk does not know is searched through its serialised
/// form, so nothing is missed.
pub(crate) fn column_refs(node: &mut Node) -> Vec<String> {
    let mut out = Vec::new();
    walk(node, false, &mut |hit| match hit {
        Hit::Column(c) => out.extend(last_name(c)),
        Hit::Relation(_) => {}
        Hit::Opaque(n) => {
            if let Ok(v) = serde_json::to_value(n) {
                opaque_refs(&v, &mut out);
            }
        }
    });
    out.sort();
    out.dedup();
    out
}

/// The last part of a column reference (`mail` of `t.mail`); `None` for `t.*`.
fn last_name(c: &pb::ColumnRef) -> Option<String> {
    match c.fields.last().and_then(|f| f.node.as_ref()) {
        Some(N::String(s)) => Some(s.sval.clone()),
        _ => None,
    }
}

/// Column names of the `ColumnRef`s in a serialised parse tree.
fn opaque_refs(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(fields) = m.get("ColumnRef").and_then(|c| c.get("fields")) {
                let last = fields.as_array().and_then(|f| f.last());
                let name = last.and_then(|l| l.pointer("/node/String/sval"));
                out.extend(name.and_then(|n| n.as_str()).map(str::to_string));
            }
            m.values().for_each(|x| opaque_refs(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| opaque_refs(x, out)),
        _ => {}
    }
}

/// Every column reference in `node`, sub-queries and statements of every shape included
/// (through its serialised form, which misses no node): its fields, `None` for a `*`.
pub(crate) fn all_column_refs(node: &Node) -> Vec<Vec<Option<String>>> {
    fn collect(v: &serde_json::Value, out: &mut Vec<Vec<Option<String>>>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(fields) = m.get("ColumnRef").and_then(|c| c.get("fields")) {
                    let fields = fields.as_array().map(Vec::as_slice).unwrap_or_default();
                    out.push(
                        fields
                            .iter()
                            .map(|f| f.pointer("/node/String/sval"))
                            .map(|s| s.and_then(|s| s.as_str()).map(str::to_string))
                            .collect(),
                    );
                }
                m.values().for_each(|x| collect(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::to_value(node) {
        collect(&v, &mut out);
    }
    out
}

/// Renames the column `from` to `to` in every reference to it in `node` (all references:
/// the caller knows the expression reads one table); true when one was renamed.
pub(crate) fn rename_column(node: &mut Node, from: &str, to: &str) -> bool {
    let mut changed = false;
    walk(node, false, &mut |hit| {
        if let Hit::Column(c) = hit {
            if let Some(Some(N::String(s))) = c.fields.last_mut().map(|f| f.node.as_mut()) {
                if s.sval == from {
                    s.sval = to.to_string();
                    changed = true;
                }
            }
        }
    });
    changed
}

/// Renames the relation `from` (in `schema`) to `to`: the relations named so, and the
/// column references qualified with its name. `None` as a relation's schema (an unqualified
/// name) matches. True when something was renamed.
pub(crate) fn rename_relation(node: &mut Node, schema: &str, from: &str, to: &str) -> bool {
    let mut changed = false;
    walk(node, true, &mut |hit| match hit {
        Hit::Relation(r) => {
            if r.relname == from && (r.schemaname.is_empty() || r.schemaname == schema) {
                r.relname = to.to_string();
                changed = true;
            }
        }
        Hit::Column(c) => {
            let names = strings(&c.fields);
            let at = match names.len() {
                // `schema.table.column` or `table.column`.
                3 if names[0] == schema && names[1] == from => 1,
                2 if names[0] == from => 0,
                _ => return,
            };
            if let Some(Some(N::String(s))) = c.fields.get_mut(at).map(|f| f.node.as_mut()) {
                s.sval = to.to_string();
                changed = true;
            }
        }
        Hit::Opaque(_) => {}
    });
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(sql: &str) -> Node {
        let parsed = pg_query::parse(&format!("SELECT {sql}"), 0).unwrap();
        let Some(N::SelectStmt(s)) = parsed.protobuf.stmts[0]
            .stmt
            .as_ref()
            .and_then(|s| s.node.clone())
        else {
            panic!("not a select");
        };
        let Some(N::ResTarget(t)) = s.target_list[0].node.clone() else {
            panic!("not a target");
        };
        *t.val.unwrap()
    }

    #[test]
    fn column_references_are_found_wherever_they_are() {
        let mut e = expr(
            "CASE WHEN t.a > 0 THEN lower(b COLLATE \"C\") ELSE coalesce(c::text, 'd') END \
             AND e IS NOT NULL AND f[1] = ANY (ARRAY[g]) AND h BETWEEN 1 AND 2 AND 'mail' = ''",
        );
        assert_eq!(
            column_refs(&mut e),
            ["a", "b", "c", "e", "f", "g", "h"].map(String::from)
        );
    }

    #[test]
    fn renames_go_through_the_tree_not_the_text() {
        let mut e = expr("lower(mail) = 'mail' AND clients.mail <> mailer");
        assert!(rename_column(&mut e, "mail", "email"));
        assert!(rename_relation(&mut e, "public", "clients", "customers"));
        assert_eq!(
            crate::normalize::deparse_expr(&e).unwrap(),
            "lower(email) = 'mail' AND customers.email <> mailer"
        );
    }
}
