//! Names in a view's query as PostgreSQL settles them: the names it gives unnamed outputs
//! (`FigureColname`), so that a name the file leaves out and the one the catalog prints
//! compare as the same, and the relation an unqualified column belongs to.

use super::ScopeEntry;
use crate::normalize::strings;
use pg_query::protobuf::{self as pb, node::Node as N, Node};

/// The name a number constant had as an unnamed cast to its own type: PostgreSQL folds
/// `1.5::numeric` and `1::integer` into the constant, which the catalog prints bare with the
/// cast's name (`1.5 AS "numeric"`, `1 AS int4`).
pub(super) fn folded_cast_name(n: &Node) -> Option<&'static str> {
    match &n.node {
        Some(N::AConst(c)) => match c.val {
            Some(pb::a_const::Val::Ival(_)) => Some("int4"),
            Some(pb::a_const::Val::Fval(_)) => Some("numeric"),
            _ => None,
        },
        _ => None,
    }
}

/// The column name PostgreSQL gives an unnamed target (`FigureColname`).
pub(super) fn natural_name(n: &Node) -> String {
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

/// The entry whose relation has the column `name`: the innermost level with one, unless
/// two relations there have it (ambiguous: left as written); failing that, the one
/// relation of the innermost level when its columns are unknown.
pub(super) fn column_owner<'s>(scope: &'s [ScopeEntry], name: &str) -> Option<&'s ScopeEntry> {
    let mut levels: Vec<usize> = scope.iter().map(|e| e.level).collect();
    levels.sort_unstable();
    levels.dedup();
    // No relation in reach is known to have the column: when the innermost level reads one
    // relation, whose columns are unknown (a catalog view, `pg_roles`), PostgreSQL found it
    // there, as the catalog's qualified text says.
    let innermost: Vec<&ScopeEntry> = scope
        .iter()
        .filter(|e| Some(&e.level) == levels.last() && !e.named_only && e.merged.is_empty())
        .collect();
    let unknown = match innermost.as_slice() {
        [one] if one.columns.is_none() => Some(*one),
        _ => None,
    };
    known_column_owner(scope, levels, name).or(unknown)
}

/// [`column_owner`] among the relations whose columns are known, innermost level first.
fn known_column_owner<'s>(
    scope: &'s [ScopeEntry],
    levels: Vec<usize>,
    name: &str,
) -> Option<&'s ScopeEntry> {
    for level in levels.into_iter().rev() {
        let owners: Vec<&ScopeEntry> = scope
            .iter()
            .filter(|e| e.level == level && !e.named_only)
            .filter(|e| {
                e.columns
                    .as_ref()
                    .is_some_and(|c| c.iter().any(|c| c == name))
            })
            .collect();
        // A join's `USING` column hides the columns it merges.
        let merged: Vec<&ScopeEntry> = owners
            .iter()
            .copied()
            .filter(|e| !e.merged.is_empty())
            .collect();
        if let [one] = merged.as_slice() {
            return Some(one);
        }
        match owners.as_slice() {
            [one] => return Some(one),
            [] => continue,
            _ => return None,
        }
    }
    None
}
