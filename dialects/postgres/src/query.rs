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

mod body;
mod casts;
mod functions;
mod joins;
mod names;
use names::{column_owner, folded_cast_name, natural_name};
mod ordinals;
pub use body::{canonical_body_query, canonical_body_statement, canonical_return, Routine};
pub(crate) use body::{fill_insert_columns, returning_exprs};
use migrator_core::schema::QualifiedName;
use pg_query::protobuf::{self as pb, node::Node as N, Node};
use std::collections::BTreeMap;

/// A canonicalised query with what the view exposes and reads.
#[derive(Debug, Clone)]
pub struct CanonicalQuery {
    pub key: String,
    pub columns: Vec<String>,
    pub relations: Vec<QualifiedName>,
    /// The output columns whose type a cast at the top of their expression decides
    /// (`a::bigint AS a`), with that type ([`casts`]).
    pub casts: BTreeMap<String, String>,
    /// A `*` or `t.*` was expanded (at any level).
    pub expands_star: bool,
}

/// What the canonicaliser needs to know about the schema.
pub trait Relations {
    /// Resolves a relation name as written (`schema` may be empty).
    fn resolve(&self, schema: &str, name: &str) -> QualifiedName;
    /// The columns of a table or view, in order, if known.
    fn columns(&self, name: &QualifiedName) -> Option<Vec<String>>;
    /// The canonical type of a table's column, if known.
    fn column_type(&self, _relation: &QualifiedName, _column: &str) -> Option<String> {
        None
    }
}

/// One entry of a FROM scope: the name columns are qualified with, the name the query
/// wrote (they differ where the catalog renames a reused alias, `e` → `e_1`), its columns,
/// and the query level it belongs to (0 outermost; a sub-query sees every level above).
#[derive(Clone)]
struct ScopeEntry {
    refname: String,
    written: String,
    columns: Option<Vec<String>>,
    level: usize,
    /// Only its name is in reach, not its columns: the catalog names a query's relations
    /// apart from every name of the levels around it, also those it cannot read (a `WITH`
    /// query or a sub-query in `FROM` that is not `LATERAL`, beside its level's relations).
    named_only: bool,
    /// A join's `USING` columns (`refname` empty): how the catalog prints each of
    /// `columns`, qualified by the side it takes it from, or bare for a `FULL` join
    /// (`query/joins.rs`). Empty for a relation.
    merged: Vec<Vec<String>>,
}

/// A common table expression in reach, with its output columns when known.
#[derive(Clone)]
struct Cte {
    name: String,
    columns: Option<Vec<String>>,
}

/// What one canonicalisation shares down to its deepest sub-query: the schema it asks about
/// and the relations found read so far.
struct Walk<'a> {
    rel: &'a dyn Relations,
    relations: Vec<QualifiedName>,
    /// In a function's SQL-standard body: its name and parameter names.
    routine: Option<&'a Routine>,
    /// The relation each name columns are qualified with stands for.
    relation_of: Vec<(String, QualifiedName)>,
    /// A view's query: the casts that decide its output columns' types are kept.
    view_output: bool,
    /// The next SELECT is the query's outermost (or a leaf of its UNION).
    top: bool,
    /// The types those casts decide, by output column (the first leaf's of a UNION).
    output_casts: Option<Vec<Option<String>>>,
    /// A `*` or `t.*` has been expanded.
    expands_star: bool,
}

impl<'a> Walk<'a> {
    fn new(rel: &'a dyn Relations) -> Self {
        Walk {
            rel,
            relations: Vec::new(),
            routine: None,
            relation_of: Vec::new(),
            view_output: false,
            top: true,
            output_casts: None,
            expands_star: false,
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
    w.view_output = true;
    let columns = canonical_select(&mut select, &mut w, &[], &[])?;
    let casts = columns
        .iter()
        .zip(w.output_casts.unwrap_or_default())
        .filter_map(|(c, t)| Some((c.clone(), t?)))
        .collect();
    let expands_star = w.expands_star;
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
        casts,
        expands_star,
    })
}

/// Rewrites one SELECT in place; returns its output column names.
/// `outer` is what the enclosing query levels have in scope (a correlated sub-query reads
/// their columns, and the catalog names its own relations apart from theirs).
fn canonical_select(
    s: &mut pb::SelectStmt,
    w: &mut Walk,
    outer_ctes: &[Cte],
    outer: &[ScopeEntry],
) -> Result<Vec<String>, String> {
    let mut ctes: Vec<Cte> = outer_ctes.to_vec();
    let level = outer.iter().map(|e| e.level + 1).max().unwrap_or(0);
    let outputs = w.view_output && std::mem::replace(&mut w.top, false);
    // The catalog names this level's relations before it prints its `WITH` queries and
    // its sub-queries (ruleutils' `set_deparse_for_query`), so theirs are named apart.
    let names = level_names(&s.from_clause, outer, level);
    let with_names: Vec<ScopeEntry> = outer.iter().chain(&names).cloned().collect();
    if let Some(with) = s.with_clause.as_mut() {
        let recursive = with.recursive;
        for c in &mut with.ctes {
            if let Some(N::CommonTableExpr(cte)) = c.node.as_mut() {
                // A recursive CTE reads itself: its named columns are known before its query.
                // Without `RECURSIVE`, its own name in its query is the relation it hides.
                let named = strings(&cte.aliascolnames);
                let named = (!named.is_empty()).then_some(named);
                ctes.push(Cte {
                    name: cte.ctename.clone(),
                    columns: named.clone(),
                });
                if let Some(Some(N::SelectStmt(q))) = cte.ctequery.as_mut().map(|q| q.node.as_mut())
                {
                    let seen = if recursive {
                        ctes.len()
                    } else {
                        ctes.len() - 1
                    };
                    let cols = canonical_select(q, w, &ctes[..seen], &with_names)?;
                    if let Some(last) = ctes.last_mut() {
                        last.columns = Some(named.unwrap_or(cols));
                    }
                }
            }
        }
    }
    if s.op != pb::SetOperation::SetopNone as i32 && s.op != pb::SetOperation::Undefined as i32 {
        let mut cols = Vec::new();
        if let Some(l) = s.larg.as_mut() {
            w.top = outputs;
            cols = canonical_select(l, w, &ctes, outer)?;
        }
        if let Some(r) = s.rarg.as_mut() {
            w.top = outputs;
            canonical_select(r, w, &ctes, outer)?;
        }
        for sb in &mut s.sort_clause {
            canonical_expr(sb, outer, w, &ctes)?;
        }
        name_set_operation_leaves(s, &cols);
        return Ok(cols);
    }
    if !s.values_lists.is_empty() {
        // `VALUES (…), (…)`: its columns are `column1`, `column2`, … (the FROM item's alias
        // renames them).
        let width = match s.values_lists.first().and_then(|r| r.node.as_ref()) {
            Some(N::List(l)) => l.items.len(),
            _ => 0,
        };
        for row in &mut s.values_lists {
            canonical_expr(row, outer, w, &ctes)?;
        }
        return Ok((1..=width).map(|i| format!("column{i}")).collect());
    }
    let mut scope: Vec<ScopeEntry> = outer.to_vec();
    for f in &mut s.from_clause {
        from_item(f, w, &ctes, &mut scope, level, &names)?;
    }
    // Expand `*` and `t.*`.
    let from_columns = joins::from_columns(&s.from_clause, &scope, level);
    let mut targets = Vec::new();
    for t in std::mem::take(&mut s.target_list) {
        match star_expansion(&t, &scope, from_columns.as_deref()) {
            Some(expanded) => {
                w.expands_star = true;
                targets.extend(expanded)
            }
            None => targets.push(t),
        }
    }
    s.target_list = targets;
    let mut columns = Vec::new();
    let mut casts = Vec::new();
    for t in &mut s.target_list {
        if let Some(N::ResTarget(r)) = t.node.as_mut() {
            if let Some(v) = r.val.as_mut() {
                // PostgreSQL names an unnamed output after the expression as written
                // (`'b'::e` is `e`), before the rewrites below strip casts.
                let natural = natural_name(v);
                let cast = match outputs {
                    true => casts::output_cast(v, &scope, w, &ctes)?,
                    false => None,
                };
                if cast.is_none() {
                    canonical_expr(v, &scope, w, &ctes)?;
                }
                casts.push(cast);
                let name = if r.name.is_empty() {
                    natural.clone()
                } else {
                    r.name.clone()
                };
                if name == natural || folded_cast_name(v) == Some(name.as_str()) {
                    r.name.clear();
                }
                columns.push(name);
            }
        }
    }
    if outputs && w.output_casts.is_none() {
        w.output_casts = Some(casts);
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
        .chain(s.window_clause.iter_mut())
    {
        canonical_expr(g, &scope, w, &ctes)?;
    }
    ordinals::spell_out(s);
    lock_every_relation(s, &scope, level);
    Ok(columns)
}

/// `FOR UPDATE` without `OF` names every relation of its level, as the catalog prints it.
fn lock_every_relation(s: &mut pb::SelectStmt, scope: &[ScopeEntry], level: usize) {
    for l in &mut s.locking_clause {
        if let Some(N::LockingClause(l)) = l.node.as_mut() {
            if l.locked_rels.is_empty() {
                l.locked_rels = scope
                    .iter()
                    .filter(|e| e.level == level && !e.named_only && e.merged.is_empty())
                    .map(|e| Node {
                        node: Some(N::RangeVar(pb::RangeVar {
                            relname: e.refname.clone(),
                            inh: true,
                            relpersistence: "p".into(),
                            ..Default::default()
                        })),
                    })
                    .collect();
            }
        }
    }
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
/// `names` is the level's relations' names ([`level_names`]), which a sub-query in `FROM`
/// does not reuse.
fn from_item(
    n: &mut Node,
    w: &mut Walk,
    ctes: &[Cte],
    scope: &mut Vec<ScopeEntry>,
    level: usize,
    names: &[ScopeEntry],
) -> Result<(), String> {
    match n.node.as_mut() {
        Some(N::RangeVar(rv)) => {
            let cte = ctes
                .iter()
                .rev()
                .find(|c| rv.schemaname.is_empty() && c.name == rv.relname);
            let written = rv
                .alias
                .as_ref()
                .map(|a| a.aliasname.clone())
                .unwrap_or_else(|| rv.relname.clone());
            let refname = unique_refname(&written, scope, level);
            if refname != written {
                let alias = rv.alias.get_or_insert_with(Default::default);
                alias.aliasname = refname.clone();
            }
            let columns = if let Some(c) = cte {
                c.columns.clone()
            } else {
                let q = w.rel.resolve(&rv.schemaname, &rv.relname);
                let cols = w.rel.columns(&q);
                w.relation_of.push((refname.clone(), q.clone()));
                w.relations.push(q);
                cols
            };
            if rv.schemaname == "public" {
                rv.schemaname.clear();
            }
            rv.location = 0;
            scope.push(ScopeEntry {
                refname,
                written,
                columns,
                level,
                named_only: false,
                merged: Vec::new(),
            });
        }
        Some(N::JoinExpr(j)) => {
            let first = scope.len();
            if let Some(l) = j.larg.as_mut() {
                from_item(l, w, ctes, scope, level, names)?;
            }
            if let Some(r) = j.rarg.as_mut() {
                from_item(r, w, ctes, scope, level, names)?;
            }
            joins::merge_using(j, scope, first, level);
            if let Some(q) = j.quals.as_mut() {
                canonical_expr(q, scope, w, ctes)?;
            }
        }
        Some(N::RangeFunction(rf)) => functions::from_function(rf, w, ctes, scope, level)?,
        // `t TABLESAMPLE m (args) [REPEATABLE (seed)]`: the relation is in scope as itself.
        Some(N::RangeTableSample(ts)) => {
            if let Some(r) = ts.relation.as_mut() {
                from_item(r, w, ctes, scope, level, names)?;
            }
            for a in ts.args.iter_mut().chain(ts.repeatable.as_deref_mut()) {
                canonical_expr(a, scope, w, ctes)?;
            }
            ts.location = 0;
        }
        Some(N::RangeSubselect(sub)) => {
            let outer: Vec<ScopeEntry> = scope
                .iter()
                .filter(|e| e.level < level || sub.lateral)
                .chain(names)
                .cloned()
                .collect();
            if let Some(Some(N::SelectStmt(q))) = sub.subquery.as_mut().map(|q| q.node.as_mut()) {
                let mut cols = canonical_select(q, w, ctes, &outer)?;
                if let Some(a) = sub.alias.as_mut() {
                    // `AS v(n, s)` renames the first columns.
                    for (c, name) in cols.iter_mut().zip(strings(&a.colnames)) {
                        *c = name;
                    }
                    let written = a.aliasname.clone();
                    a.aliasname = unique_refname(&written, scope, level);
                    scope.push(ScopeEntry {
                        refname: a.aliasname.clone(),
                        written,
                        columns: Some(cols),
                        level,
                        named_only: false,
                        merged: Vec::new(),
                    });
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// The names the catalog gives the relations of one query level's `FROM`, in order, as
/// [`from_item`] names them: entries that are [`ScopeEntry::named_only`].
fn level_names(from: &[Node], outer: &[ScopeEntry], level: usize) -> Vec<ScopeEntry> {
    fn walk(n: &Node, scope: &mut Vec<ScopeEntry>, level: usize) {
        let written = match n.node.as_ref() {
            Some(N::RangeVar(rv)) => rv
                .alias
                .as_ref()
                .map_or(&rv.relname, |a| &a.aliasname)
                .clone(),
            Some(N::RangeSubselect(sub)) => match sub.alias.as_ref() {
                Some(a) => a.aliasname.clone(),
                None => return,
            },
            Some(N::RangeFunction(rf)) => match functions::written_name(rf) {
                Some(name) => name,
                None => return,
            },
            Some(N::JoinExpr(j)) => {
                for side in [j.larg.as_deref(), j.rarg.as_deref()].into_iter().flatten() {
                    walk(side, scope, level);
                }
                return;
            }
            Some(N::RangeTableSample(ts)) => {
                if let Some(r) = ts.relation.as_deref() {
                    walk(r, scope, level);
                }
                return;
            }
            _ => return,
        };
        scope.push(ScopeEntry {
            refname: unique_refname(&written, scope, level),
            written,
            columns: None,
            level,
            named_only: true,
            merged: Vec::new(),
        });
    }
    let mut scope = outer.to_vec();
    for f in from {
        walk(f, &mut scope, level);
    }
    scope.split_off(outer.len())
}

/// The name the catalog prints for a relation written `written`: names are unique across a
/// query level and every level around it, so a reused one takes the first free `_N`
/// (ruleutils' `set_rtable_names`), truncated to fit 63 bytes.
fn unique_refname(written: &str, scope: &[ScopeEntry], level: usize) -> String {
    let taken = |n: &str| scope.iter().any(|e| e.level <= level && e.refname == n);
    if !taken(written) {
        return written.to_string();
    }
    (1..)
        .map(|i| {
            let suffix = format!("_{i}");
            let mut base = written.to_string();
            while base.len() + suffix.len() > 63 {
                base.pop();
            }
            base + &suffix
        })
        .find(|n| !taken(n))
        .unwrap_or_default()
}

/// The targets `*` or `t.*` stand for, when every relation's columns are known;
/// `from_columns` is what `*` stands for over the level's `FROM` ([`joins::from_columns`]).
fn star_expansion(
    t: &Node,
    scope: &[ScopeEntry],
    from_columns: Option<&[Vec<String>]>,
) -> Option<Vec<Node>> {
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
    let scope: Vec<&ScopeEntry> = scope.iter().filter(|e| !e.named_only).collect();
    let level = scope.iter().map(|e| e.level).max()?;
    let here = scope.iter().copied().filter(|e| e.level == level);
    let target = |parts: &[String]| Node {
        node: Some(N::ResTarget(Box::new(pb::ResTarget {
            val: Some(Box::new(column_ref(
                &parts.iter().map(String::as_str).collect::<Vec<_>>(),
            ))),
            ..Default::default()
        }))),
    };
    let entries: Vec<&ScopeEntry> = match qualifier.as_slice() {
        [] => match from_columns {
            Some(columns) => return Some(columns.iter().map(|p| target(p)).collect()),
            None if here.clone().any(|e| !e.merged.is_empty()) => return None,
            None => here.collect(),
        },
        [t] => here.filter(|e| &e.written == t).collect(),
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
            written: refname.clone(),
            columns: columns.clone(),
            level: 0,
            named_only: false,
            merged: Vec::new(),
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
    ctes: &[Cte],
) -> Result<(), String> {
    qualify(n, scope, w, ctes)?;
    canonical_rewrite(n);
    Ok(())
}

fn qualify(n: &mut Node, scope: &[ScopeEntry], w: &mut Walk, ctes: &[Cte]) -> Result<(), String> {
    let Some(inner) = n.node.as_mut() else {
        return Ok(());
    };
    let mut recurse = |x: &mut Node| qualify(x, scope, w, ctes);
    match inner {
        N::ColumnRef(c) => {
            let fields = strings(&c.fields);
            if fields.len() == 1 && c.fields.len() == 1 {
                if let Some(owner) = column_owner(scope, &fields[0]) {
                    *n = joins::reference(owner, &fields[0]);
                } else if let Some(rel) = whole_row(scope, &fields[0]) {
                    // `to_jsonb(t)`: the relation's whole row, which the catalog prints `t.*`.
                    let mut star = column_ref(&[&rel.refname]);
                    if let Some(N::ColumnRef(c)) = star.node.as_mut() {
                        c.fields.push(Node {
                            node: Some(N::AStar(pb::AStar {})),
                        });
                    }
                    *n = star;
                }
            } else if c.fields.len() == 2
                && fields.len() == 2
                && !scope
                    .iter()
                    .any(|e| !e.named_only && e.written == fields[0])
                && w.routine.is_some_and(|r| {
                    r.name == fields[0] && r.parameters.iter().any(|p| *p == fields[1])
                })
            {
                // `f.p`, a parameter of the function `f` whose body this is.
                *n = column_ref(&[&fields[1]]);
            } else if c.fields.len() == 2 && fields.len() == 2 {
                // `e.salary` where the catalog renamed `e`: the innermost `e` in reach.
                let renamed = scope
                    .iter()
                    .rev()
                    .find(|e| !e.named_only && e.written == fields[0])
                    .filter(|e| e.refname != e.written);
                if let Some(e) = renamed {
                    *n = column_ref(&[&e.refname, &fields[1]]);
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
                canonical_select(q, w, ctes, scope)?;
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
            if let Some(over) = f.over.as_mut() {
                window(over, &mut recurse)?;
            }
        }
        N::WindowDef(d) => window(d, &mut recurse)?,
        N::NamedArgExpr(a) => a.arg.as_deref_mut().map_or(Ok(()), &mut recurse)?,
        N::XmlExpr(x) => x.args.iter_mut().try_for_each(&mut recurse)?,
        N::TypeCast(c) => c.arg.as_deref_mut().map_or(Ok(()), &mut recurse)?,
        N::NullTest(t) => t.arg.as_deref_mut().map_or(Ok(()), &mut recurse)?,
        N::BooleanTest(t) => t.arg.as_deref_mut().map_or(Ok(()), &mut recurse)?,
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
        N::AIndirection(i) => {
            i.arg.as_deref_mut().map_or(Ok(()), &mut recurse)?;
            i.indirection.iter_mut().try_for_each(&mut recurse)?;
        }
        N::AIndices(i) => {
            for x in [&mut i.lidx, &mut i.uidx].into_iter().flatten() {
                recurse(x)?;
            }
        }
        N::GroupingSet(g) => g.content.iter_mut().try_for_each(&mut recurse)?,
        N::CollateClause(c) => c.arg.as_deref_mut().map_or(Ok(()), &mut recurse)?,
        N::CaseExpr(c) => {
            c.arg.as_deref_mut().map_or(Ok(()), &mut recurse)?;
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

/// The relation a bare name stands for as a whole-row reference: no relation in reach has
/// a column of that name, and the innermost relation written so is known.
fn whole_row<'s>(scope: &'s [ScopeEntry], name: &str) -> Option<&'s ScopeEntry> {
    let live = || scope.iter().filter(|e| !e.named_only);
    if live().any(|e| {
        e.columns
            .as_ref()
            .is_none_or(|c| c.iter().any(|c| c == name))
    }) {
        return None;
    }
    live().rev().find(|e| e.written == name)
}

/// A window's `PARTITION BY` and `ORDER BY` (`OVER (…)` and `WINDOW w AS (…)`).
fn window(
    d: &mut pb::WindowDef,
    recurse: &mut impl FnMut(&mut Node) -> Result<(), String>,
) -> Result<(), String> {
    d.location = 0;
    d.partition_clause.iter_mut().try_for_each(&mut *recurse)?;
    d.order_clause.iter_mut().try_for_each(&mut *recurse)
}

#[cfg(test)]
mod tests;
