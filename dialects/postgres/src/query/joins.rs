//! Joins with `USING` and `NATURAL` joins, as the catalog prints them.
//!
//! A `NATURAL` join is printed as `USING` its common columns (left's order), or as a
//! `CROSS JOIN` when there are none. The columns a `USING` join merges are one column each:
//! `*` gives them first (in `USING` order), then the left side's other columns, then the
//! right side's; an unqualified reference to one names the join's column, which the catalog
//! prints qualified by the side it comes from: the left for an inner or `LEFT` join, the
//! right for a `RIGHT` join, and bare for a `FULL` join (it is a `COALESCE` of both).

use super::{column_ref, ScopeEntry};
use crate::normalize::strings;
use pg_query::protobuf::{self as pb, node::Node as N, JoinType, Node};

/// One output column of a `FROM` item: its name and how the catalog prints a reference to it.
type Output = (String, Vec<String>);

/// After both sides of `j` are in `scope` (from `first`, where its left side starts): a
/// `NATURAL` join becomes the `USING` of its common columns, and a `USING` join's merged
/// columns enter the scope as one entry, hiding those of the joins inside it.
pub(super) fn merge_using(
    j: &mut pb::JoinExpr,
    scope: &mut Vec<ScopeEntry>,
    first: usize,
    level: usize,
) {
    if j.alias.is_some() || j.join_using_alias.is_some() {
        return;
    }
    let sides = [j.larg.as_deref(), j.rarg.as_deref()]
        .map(|side| side.and_then(|n| item_columns(n, &scope[first..], level)));
    let [Some(left), Some(right)] = sides else {
        return;
    };
    if j.is_natural {
        let common: Vec<Node> = left
            .iter()
            .filter(|(name, _)| right.iter().any(|(r, _)| r == name))
            .map(|(name, _)| string_node(name))
            .collect();
        j.is_natural = false;
        j.using_clause = common;
    }
    let using = strings(&j.using_clause);
    if using.is_empty() {
        return;
    }
    let kind = JoinType::try_from(j.jointype).unwrap_or(JoinType::JoinInner);
    let mut printed = Vec::new();
    for name in &using {
        let side = |cols: &[Output]| cols.iter().find(|(n, _)| n == name).map(|(_, p)| p.clone());
        let p = match kind {
            JoinType::JoinFull => Some(vec![name.clone()]),
            JoinType::JoinRight => side(&right),
            _ => side(&left),
        };
        let Some(p) = p else {
            return;
        };
        printed.push(p);
    }
    for e in scope[first..].iter_mut().filter(|e| !e.merged.is_empty()) {
        let columns = e.columns.get_or_insert_with(Vec::new);
        let keep: Vec<bool> = columns.iter().map(|c| !using.contains(c)).collect();
        let mut k = keep.iter();
        columns.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        e.merged.retain(|_| *k.next().unwrap_or(&true));
    }
    scope.push(ScopeEntry {
        refname: String::new(),
        written: String::new(),
        columns: Some(using),
        level,
        named_only: false,
        merged: printed,
    });
}

/// The columns `*` stands for over a whole `FROM` list, when every item's are known.
pub(super) fn from_columns(
    from: &[Node],
    scope: &[ScopeEntry],
    level: usize,
) -> Option<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for item in from {
        out.extend(
            item_columns(item, scope, level)?
                .into_iter()
                .map(|(_, p)| p),
        );
    }
    Some(out)
}

/// The output columns of one `FROM` item.
fn item_columns(n: &Node, scope: &[ScopeEntry], level: usize) -> Option<Vec<Output>> {
    let refname = match n.node.as_ref()? {
        N::RangeVar(rv) => rv
            .alias
            .as_ref()
            .map_or(&rv.relname, |a| &a.aliasname)
            .clone(),
        N::RangeSubselect(sub) => sub.alias.as_ref()?.aliasname.clone(),
        N::RangeFunction(rf) => rf.alias.as_ref()?.aliasname.clone(),
        N::JoinExpr(j) => return join_columns(j, scope, level),
        N::RangeTableSample(ts) => return item_columns(ts.relation.as_deref()?, scope, level),
        _ => return None,
    };
    let entry = scope.iter().rev().find(|e| {
        e.level == level && !e.named_only && e.merged.is_empty() && e.refname == refname
    })?;
    let columns = entry.columns.as_ref()?;
    Some(
        columns
            .iter()
            .map(|c| (c.clone(), vec![refname.clone(), c.clone()]))
            .collect(),
    )
}

/// A join's output columns: its merged `USING` columns first, then each side's others.
fn join_columns(j: &pb::JoinExpr, scope: &[ScopeEntry], level: usize) -> Option<Vec<Output>> {
    if j.alias.is_some() || j.join_using_alias.is_some() || j.is_natural {
        return None;
    }
    let left = item_columns(j.larg.as_deref()?, scope, level)?;
    let right = item_columns(j.rarg.as_deref()?, scope, level)?;
    let using = strings(&j.using_clause);
    let kind = JoinType::try_from(j.jointype).unwrap_or(JoinType::JoinInner);
    let mut out = Vec::new();
    for name in &using {
        let side = |cols: &[Output]| cols.iter().find(|(n, _)| n == name).cloned();
        out.push(match kind {
            JoinType::JoinFull => (name.clone(), vec![name.clone()]),
            JoinType::JoinRight => side(&right)?,
            _ => side(&left)?,
        });
    }
    let rest = |cols: Vec<Output>| cols.into_iter().filter(|(n, _)| !using.contains(n));
    out.extend(rest(left));
    out.extend(rest(right));
    Some(out)
}

/// A reference to the column `name` of the scope entry `e`: the join's printed form for a
/// merged column, else qualified by the relation.
pub(super) fn reference(e: &ScopeEntry, name: &str) -> Node {
    let merged = e
        .columns
        .iter()
        .flatten()
        .zip(&e.merged)
        .find(|(c, _)| *c == name);
    match merged {
        Some((_, printed)) => {
            let parts: Vec<&str> = printed.iter().map(String::as_str).collect();
            column_ref(&parts)
        }
        None => column_ref(&[&e.refname, name]),
    }
}

fn string_node(s: &str) -> Node {
    Node {
        node: Some(N::String(pb::String {
            sval: s.to_string(),
        })),
    }
}
