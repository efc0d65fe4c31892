//! Comparisons PostgreSQL stores in another shape than they are written: an `IN` list
//! (`transformAExprIn`), a row equality (`make_row_comparison_op`) and `[NOT] BETWEEN
//! [SYMMETRIC]` (`transformAExprBetween`). The comparison form
//! is the stored shape, so a file's spelling and the catalog's print compare equal.

use super::op;
use pg_query::protobuf::{self as pb, node::Node as N, AExprKind, Node};

/// `x [NOT] IN (…)` as PostgreSQL's `transformAExprIn` stores it: the items that read no
/// column form one `= ANY (ARRAY[…])` (`<> ALL` for `NOT IN`) when there are two or more;
/// every other item is its own `=` (`<>`) comparison, joined by `OR` (`AND`). So
/// `x IN ('a')` compares as the catalog's `x = 'a'`, and `x IN (a, b)` as
/// `x = a OR x = b`.
pub(super) fn in_list(e: &pb::AExpr, opname: &str) -> Option<Node> {
    let Some(Node {
        node: Some(N::List(l)),
    }) = e.rexpr.as_deref()
    else {
        return None;
    };
    let (consts, vars): (Vec<&Node>, Vec<&Node>) = l.items.iter().partition(|i| !reads_column(i));
    let not = opname == "<>";
    let cmp = |kind: AExprKind, r: Node| Node {
        node: Some(N::AExpr(Box::new(pb::AExpr {
            kind: kind as i32,
            name: op(opname),
            lexpr: e.lexpr.clone(),
            rexpr: Some(Box::new(r)),
            ..Default::default()
        }))),
    };
    let mut args = Vec::new();
    // With fewer than two column-free items there is no array: every item, in order.
    let singles = if consts.len() < 2 {
        l.items.iter().collect()
    } else {
        let array = N::AArrayExpr(pb::AArrayExpr {
            elements: consts.into_iter().cloned().collect(),
            ..Default::default()
        });
        let kind = if not {
            AExprKind::AexprOpAll
        } else {
            AExprKind::AexprOpAny
        };
        args.push(cmp(kind, Node { node: Some(array) }));
        vars
    };
    args.extend(
        singles
            .into_iter()
            .map(|i| cmp(AExprKind::AexprOp, i.clone())),
    );
    if args.len() == 1 {
        return args.pop();
    }
    Some(bool_expr(!not, args))
}

/// `ROW(a, b) = ROW(1, 2)` as PostgreSQL stores it (`make_row_comparison_op`):
/// `a = 1 AND b = 2`, and `<>` as `a <> 1 OR b <> 2`. Other operators stay row comparisons.
pub(super) fn row_equality(e: &pb::AExpr, opname: &str) -> Option<Node> {
    let row = |n: Option<&Node>| match n.and_then(|n| n.node.as_ref()) {
        Some(N::RowExpr(r)) => Some(r.args.clone()),
        _ => None,
    };
    let (l, r) = (row(e.lexpr.as_deref())?, row(e.rexpr.as_deref())?);
    if l.len() != r.len() || l.is_empty() {
        return None;
    }
    let mut args: Vec<Node> = l
        .into_iter()
        .zip(r)
        .map(|(a, b)| Node {
            node: Some(N::AExpr(Box::new(pb::AExpr {
                kind: AExprKind::AexprOp as i32,
                name: op(opname),
                lexpr: Some(Box::new(a)),
                rexpr: Some(Box::new(b)),
                ..Default::default()
            }))),
        })
        .collect();
    if args.len() == 1 {
        return args.pop();
    }
    Some(bool_expr(opname == "<>", args))
}

/// `args` joined by `OR` (`or`) or `AND`.
fn bool_expr(or: bool, args: Vec<Node>) -> Node {
    let boolop = if or {
        pb::BoolExprType::OrExpr
    } else {
        pb::BoolExprType::AndExpr
    };
    Node {
        node: Some(N::BoolExpr(Box::new(pb::BoolExpr {
            boolop: boolop as i32,
            args,
            ..Default::default()
        }))),
    }
}

/// Whether an expression reads a column (PostgreSQL's `contain_vars_of_level`, over the
/// shapes an `IN` item takes).
fn reads_column(n: &Node) -> bool {
    match &n.node {
        Some(N::ColumnRef(_)) => true,
        Some(N::AExpr(e)) => [&e.lexpr, &e.rexpr]
            .into_iter()
            .flatten()
            .any(|x| reads_column(x)),
        Some(N::FuncCall(f)) => f.args.iter().any(reads_column),
        Some(N::TypeCast(c)) => c.arg.as_deref().is_some_and(reads_column),
        Some(N::BoolExpr(b)) => b.args.iter().any(reads_column),
        Some(N::RowExpr(r)) => r.args.iter().any(reads_column),
        Some(N::CoalesceExpr(c)) => c.args.iter().any(reads_column),
        Some(N::AArrayExpr(a)) => a.elements.iter().any(reads_column),
        Some(N::List(l)) => l.items.iter().any(reads_column),
        Some(N::CollateClause(c)) => c.arg.as_deref().is_some_and(reads_column),
        // A sub-query may read the outer row: treat it as a column, as PostgreSQL does.
        Some(N::SubLink(_)) => true,
        _ => false,
    }
}

/// `x [NOT] BETWEEN [SYMMETRIC] lo AND hi` as `transformAExprBetween` stores it:
/// `x >= lo AND x <= hi`; `NOT`: `x < lo OR x > hi`; `SYMMETRIC`: either order of the
/// bounds, joined by `OR` (by `AND` for `NOT`).
pub(super) fn between(e: &pb::AExpr, kind: AExprKind) -> Option<Node> {
    let Some(Node {
        node: Some(N::List(l)),
    }) = e.rexpr.as_deref()
    else {
        return None;
    };
    let [lo, hi] = l.items.as_slice() else {
        return None;
    };
    let not = matches!(
        kind,
        AExprKind::AexprNotBetween | AExprKind::AexprNotBetweenSym
    );
    let symmetric = matches!(
        kind,
        AExprKind::AexprBetweenSym | AExprKind::AexprNotBetweenSym
    );
    let cmp = |o: &str, r: &Node| Node {
        node: Some(N::AExpr(Box::new(pb::AExpr {
            kind: AExprKind::AexprOp as i32,
            name: op(o),
            lexpr: e.lexpr.clone(),
            rexpr: Some(Box::new(r.clone())),
            ..Default::default()
        }))),
    };
    let (below, above) = if not { ("<", ">") } else { (">=", "<=") };
    let range = |lo: &Node, hi: &Node| bool_expr(not, vec![cmp(below, lo), cmp(above, hi)]);
    if !symmetric {
        return Some(range(lo, hi));
    }
    Some(bool_expr(!not, vec![range(lo, hi), range(hi, lo)]))
}
