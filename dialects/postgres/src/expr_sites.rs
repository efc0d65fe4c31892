//! Expressions by the site they sit at ([`Site`]): parsed back from their SQL to find the
//! columns they name, or to rewrite them for a rename.
//!
//! An [`Expr`] of the IR keeps SQL text, which reads differently where it sits: an index key
//! carries its operator class and ordering, a trigger is a whole statement. This module
//! parses each site's text into its node, hands the expression nodes in it to a rename
//! ([`crate::column_refs`]), and builds the [`Expr`] again the way the loader builds it the
//! first time, so that a renamed expression compares equal to one written with the new name.

use crate::column_refs;
use migrator_core::references::Site;
use migrator_core::schema::{Expr, QualifiedName, Schema};
use pg_query::protobuf::{self as pb, node::Node as N, Node};

/// One site's text, parsed.
enum Parsed {
    Scalar(Node),
    IndexKey(pb::IndexElem),
    Exclusion(pb::Constraint),
    Trigger(pb::CreateTrigStmt),
}

/// The first statement of `sql`, parsed.
fn statement(sql: &str) -> Option<N> {
    let parsed = pg_query::parse(sql, 0).ok()?;
    parsed.protobuf.stmts.into_iter().next()?.stmt?.node
}

fn parse(site: Site, e: &Expr) -> Option<Parsed> {
    let sql = &e.sql;
    Some(match site {
        Site::Scalar => {
            let N::SelectStmt(s) = statement(&format!("SELECT {sql}"))? else {
                return None;
            };
            let N::ResTarget(t) = s.target_list.into_iter().next()?.node? else {
                return None;
            };
            Parsed::Scalar(*t.val?)
        }
        Site::IndexKey => {
            let N::IndexStmt(s) = statement(&format!("CREATE INDEX i ON t ({sql})"))? else {
                return None;
            };
            let N::IndexElem(k) = s.index_params.into_iter().next()?.node? else {
                return None;
            };
            Parsed::IndexKey(*k)
        }
        Site::Exclusion => {
            let N::AlterTableStmt(s) = statement(&format!("ALTER TABLE t ADD {sql}"))? else {
                return None;
            };
            let N::AlterTableCmd(c) = s.cmds.into_iter().next()?.node? else {
                return None;
            };
            let N::Constraint(k) = c.def?.node? else {
                return None;
            };
            Parsed::Exclusion(*k)
        }
        Site::Trigger => {
            let N::CreateTrigStmt(s) = statement(sql)? else {
                return None;
            };
            Parsed::Trigger(*s)
        }
    })
}

/// A bare name as a column reference node, so a rename can treat it like one.
fn name_node(name: &str) -> Node {
    Node {
        node: Some(N::ColumnRef(pb::ColumnRef {
            fields: vec![Node {
                node: Some(N::String(pb::String {
                    sval: name.to_string(),
                })),
            }],
            location: 0,
        })),
    }
}

/// Applies `op` to a bare name through [`name_node`].
fn on_name(name: &mut String, op: &mut dyn FnMut(&mut Node) -> bool) -> bool {
    let mut n = name_node(name);
    if !op(&mut n) {
        return false;
    }
    if let Some(N::ColumnRef(c)) = &n.node {
        if let Some(Some(N::String(s))) = c.fields.last().map(|f| &f.node) {
            *name = s.sval.clone();
        }
    }
    true
}

fn on_elem(k: &mut pb::IndexElem, op: &mut dyn FnMut(&mut Node) -> bool) -> bool {
    match k.expr.as_deref_mut() {
        Some(x) => op(x),
        None => on_name(&mut k.name, op),
    }
}

/// Applies `op` to every expression node of the site (names included); true when it
/// changed one.
fn each_node(p: &mut Parsed, op: &mut dyn FnMut(&mut Node) -> bool) -> bool {
    match p {
        Parsed::Scalar(n) => op(n),
        Parsed::IndexKey(k) => on_elem(k, op),
        Parsed::Exclusion(c) => {
            let mut changed = false;
            for e in &mut c.exclusions {
                if let Some(N::List(l)) = e.node.as_mut() {
                    if let Some(Some(N::IndexElem(k))) = l.items.first_mut().map(|i| &mut i.node) {
                        changed |= on_elem(k, op);
                    }
                }
            }
            if let Some(w) = c.where_clause.as_deref_mut() {
                changed |= op(w);
            }
            changed
        }
        Parsed::Trigger(s) => {
            let mut changed = false;
            if let Some(rv) = s.relation.clone() {
                let mut n = Node {
                    node: Some(N::RangeVar(rv)),
                };
                if op(&mut n) {
                    if let Some(N::RangeVar(rv)) = n.node {
                        s.relation = Some(rv);
                    }
                    changed = true;
                }
            }
            for c in &mut s.columns {
                if let Some(N::String(name)) = c.node.as_mut() {
                    changed |= on_name(&mut name.sval, op);
                }
            }
            if let Some(w) = s.when_clause.as_deref_mut() {
                changed |= op(w);
            }
            changed
        }
    }
}

/// The expression again from its rewritten node, as the loader builds it.
fn rebuild(p: &Parsed, e: &Expr, default_schema: &str) -> Result<Expr, String> {
    let built = match p {
        Parsed::Scalar(n) => crate::normalize::expr_from_node(n, default_schema)?,
        Parsed::IndexKey(k) => crate::kinds::index::load::index_key(k, default_schema)?.def,
        Parsed::Exclusion(c) => crate::kinds::constraint::load::exclusion_definition(c)?,
        Parsed::Trigger(s) => {
            let rv = s.relation.as_ref().ok_or("a trigger without a table")?;
            let table = QualifiedName::new(rv.schemaname.clone(), rv.relname.clone());
            let resolve = |n: &str| QualifiedName::new(default_schema, n);
            crate::kinds::trigger::canonical::trigger(s, table, &resolve, None)?.definition
        }
    };
    // What it refers to (functions, sequences, types) does not change with a rename.
    Ok(Expr {
        refs: e.refs.clone(),
        ..built
    })
}

/// `e` at `site` with `op` (a rename of [`crate::column_refs`]) applied to its nodes,
/// rebuilt; `e` itself when `op` changes nothing or the text does not parse.
pub(crate) fn rewrite(
    site: Site,
    e: &Expr,
    default_schema: &str,
    op: &mut dyn FnMut(&mut Node) -> bool,
) -> Expr {
    let Some(mut p) = parse(site, e) else {
        return e.clone();
    };
    if !each_node(&mut p, op) {
        return e.clone();
    }
    rebuild(&p, e, default_schema).unwrap_or_else(|_| e.clone())
}

/// The columns `e` at `site` names (see [`migrator_core::schema::Expr::columns`]).
pub(crate) fn columns(site: Site, e: &Expr) -> Vec<String> {
    let Some(mut p) = parse(site, e) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    each_node(&mut p, &mut |n| {
        out.extend(column_refs::column_refs(n));
        false
    });
    out.sort();
    out.dedup();
    out
}

/// Fills in the columns of every table expression of a schema read from a JSON snapshot.
pub(crate) fn complete_snapshot(schema: &mut Schema) {
    schema.for_each_table_expr(&mut |site, e| e.columns = columns(site, e));
}
