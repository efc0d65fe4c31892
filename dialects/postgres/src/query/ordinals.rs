//! `ORDER BY 2` and `GROUP BY 1`, and `ORDER BY alias`, as the catalog prints them: the
//! output column's expression in place of its position or its name (ruleutils'
//! `get_rule_sortgroupclause`), except a constant, which stays a position.

use pg_query::protobuf::{self as pb, a_const, node::Node as N, Node};

/// Replaces positions and output names in the (canonical) `GROUP BY` and `ORDER BY` of a
/// plain `SELECT` by the (canonical) expressions of its targets.
pub(super) fn spell_out(s: &mut pb::SelectStmt) {
    let targets: Vec<(String, Node)> = s
        .target_list
        .iter()
        .filter_map(|t| match &t.node {
            Some(N::ResTarget(r)) => r.val.as_deref().map(|v| (r.name.clone(), v.clone())),
            _ => None,
        })
        .collect();
    for g in &mut s.group_clause {
        replace(g, &targets);
    }
    for sb in &mut s.sort_clause {
        if let Some(N::SortBy(b)) = sb.node.as_mut() {
            if let Some(n) = b.node.as_mut() {
                replace(n, &targets);
            }
        }
    }
}

/// `n` as the target it names, if it names one that is no constant.
fn replace(n: &mut Node, targets: &[(String, Node)]) {
    let target = match &n.node {
        Some(N::AConst(c)) => match &c.val {
            Some(a_const::Val::Ival(i)) if i.ival >= 1 => targets.get(i.ival as usize - 1),
            _ => None,
        },
        Some(N::ColumnRef(c)) if c.fields.len() == 1 => match c.fields[0].node.as_ref() {
            Some(N::String(name)) => targets.iter().find(|(alias, _)| *alias == name.sval),
            _ => None,
        },
        _ => None,
    };
    if let Some((_, expr)) = target {
        if !matches!(expr.node, Some(N::AConst(_))) {
            *n = expr.clone();
        }
    }
}
