//! The cascade: dependents taken out of the way of a change, and put back after.
//!
//! PostgreSQL refuses some changes while other objects depend on the one changing: it
//! cannot retype a column a view reads, drop a function a CHECK calls, or drop a key a
//! foreign key relies on. The per-kind passes know nothing of each other, so this one step
//! looks at what they produced and, for every dependent PostgreSQL would refuse to leave
//! behind, adds the changes that drop it before and create it again after (the planner puts
//! them in order). It covers:
//! - table columns of a composite type whose attributes are retyped, turned into `text`
//!   and back around it (`composite::release_columns`), which the steps below then treat
//!   as any column retype, and table columns of a domain dropped and created (its base
//!   type or collation changes), turned into its old base type and back around it
//!   (`domain::release_columns`), and table columns of a collation dropped and created, turned
//!   to their type's own collation and back around it (`collation::release_columns`);
//! - constraints and indexes over a column whose type changes ([`refresh_over_type_changes`]);
//! - constraints and indexes over a column dropped and added again, whose generation
//!   expression changes ([`readded`]);
//! - foreign keys on a key or unique index that is dropped
//!   ([`refresh_dependent_foreign_keys`]);
//! - what reads a relation that is retyped, loses a column, is dropped or recreated, or
//!   grows a column in place (its down recreates it), and what uses a recreated routine
//!   (a function, an aggregate or an operator): views, functions with SQL-standard bodies,
//!   aggregates and operators defined over it, stored generated columns calling it
//!   (dropped and added again, with what stands on them: [`readded`]), rules naming the relation and rules reading
//!   a column of their own that changes, through every path, with the indexes and rules of
//!   recreated views ([`recreate_readers`]);
//! - column defaults, CHECKs, indexes and domains' CHECKs and defaults calling a
//!   recreated routine ([`release_function_callers`]);
//! - triggers and policies using a recreated function ([`recreate_function_dependents`]);
//! - a table's `REPLICA IDENTITY USING INDEX` and a table's or materialized view's
//!   `CLUSTER ON` over an index (or a key's index) that is dropped and created again
//!   (`index_settings.rs`), and the clustering index of a relation dropped or
//!   recreated (`kinds::table::cluster_around_recreations`).
//!
//! "Recreated functions" start from [`recreated_functions`] and grow with the routines
//! [`recreate_readers`] recreates.

use crate::change::{Change, CreateDrop, MemberCreateDrop};
use crate::identity::ObjectId;
use crate::kinds::comment::Commented;
use crate::kinds::*;
use crate::references::{MemberPairVisitor, RelationMember};
use crate::schema::*;
use std::collections::{BTreeMap, BTreeSet};

mod index_settings;
mod readded;

use index_settings::reapply_index_settings;

/// Runs every step of the cascade, in this order: a step may add changes the next reads.
pub(super) fn run(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    composite::release_columns(current, desired, out);
    domain::release_columns(current, desired, out);
    collation::release_columns(current, desired, out);
    refresh_over_type_changes(current, desired, out);
    readded::refresh_over_readded_columns(current, desired, out);
    leave_enum_defaults_to_rebuilds(out);
    refresh_dependent_foreign_keys(current, desired, out);
    let recreated = recreate_readers(current, desired, out);
    if !recreated.is_empty() {
        // Again, for the generated columns the routines took along.
        readded::refresh_over_readded_columns(current, desired, out);
        release_function_callers(current, desired, &recreated, out);
        recreate_function_dependents(current, desired, &recreated, out);
    }
    reapply_index_settings(current, desired, out);
}

/// The routines the changes drop, or drop and create again: functions whose result or
/// parameters change, aggregates and operators. By name (an operator's is its schema and
/// symbol), because what calls a routine names it without its signature, and what uses an
/// operator records it the same way.
fn recreated_functions(out: &[Change]) -> BTreeSet<QualifiedName> {
    out.iter()
        .filter_map(|c| match c {
            Change::DropFunction(DropFunction(f)) => Some(f.name.clone()),
            Change::ReplaceFunction(ReplaceFunction { from, to }) if !from.replaceable_by(to) => {
                Some(from.name.clone())
            }
            Change::DropAggregate(DropAggregate(a)) => Some(a.name.clone()),
            Change::DropOperator(DropOperator(o)) => Some(o.name.clone()),
            _ => None,
        })
        .collect()
}

/// The relations whose rows change shape under what reads them: a column retyped or
/// dropped (a typed table's by its type's `ALTER TYPE … CASCADE` too), a table or view
/// dropped (or dropped and created), and a view replaced in place whose down file must
/// drop and create it (its column list grows, so it can only shrink back by being
/// recreated).
fn disturbed_relations(out: &[Change]) -> BTreeSet<QualifiedName> {
    out.iter()
        .flat_map(|c| match c {
            Change::AlterColumn(AlterColumn {
                table, from, to, ..
            }) if from.data_type != to.data_type || from.collation != to.collation => {
                vec![table.clone()]
            }
            Change::DropColumn(DropColumn { table, .. }) => vec![table.clone()],
            // One direction drops the column and adds it again.
            Change::AlterGeneration(AlterGeneration { table, .. }) => vec![table.clone()],
            // Its typed tables' columns are dropped or retyped with it.
            Change::AlterComposite(c) if c.reshapes_tables() => c.tables.clone(),
            // A rebuilt enum's columns are retyped to the new type, and what names the type
            // (a routine's parameter or result) would hold the old one, renamed away and
            // dropped. One direction of a change that adds values removes them: a rebuild.
            Change::AlterEnum(e) => e
                .usages
                .iter()
                .map(|u| u.table.clone())
                .chain([e.to.name.clone()])
                .collect(),
            Change::DropTable(DropTable(t)) => vec![t.name.clone()],
            Change::DropView(DropView(v)) => vec![v.name.clone()],
            Change::ReplaceView(ReplaceView { from, to }) if !to.replaceable_by(from) => {
                vec![to.name.clone()]
            }
            _ => vec![],
        })
        .collect()
}

/// What reads a relation's rows or calls a routine, and must be dropped and created
/// because something underneath it changes ([`disturbed_relations`], or a routine
/// recreated): views, and routines whose SQL-standard bodies PostgreSQL ties to what they
/// read and call, and the aggregates and operators defined over a recreated routine. What
/// reads or uses those follows, transitively, through every path: views on views, a
/// routine reading a view, a view calling a routine or using an operator, an aggregate
/// over a recreated function and the views calling it, a stored generated column calling
/// a recreated routine (dropped and added again, which disturbs its table). The indexes and rules of
/// every recreated view, the rules elsewhere that name a disturbed relation and the rules
/// reading a column of their own that is retyped or dropped are recreated with them. Returns the recreated routines, by name.
fn recreate_readers(
    current: &Schema,
    desired: &Schema,
    out: &mut Vec<Change>,
) -> BTreeSet<QualifiedName> {
    let mut disturbed = disturbed_relations(out);
    let mut routines = recreated_functions(out);
    loop {
        let views = recreate_dependent_views(current, desired, &mut disturbed, &routines, out);
        let functions =
            recreate_reading_functions(current, desired, &disturbed, &mut routines, out);
        let defined = recreate_defined_over(current, desired, &mut routines, out);
        let generated =
            readded::readd_routine_callers(current, desired, &routines, &mut disturbed, out);
        if !views && !functions && !defined && !generated {
            break;
        }
    }
    recreate_view_indexes(current, desired, out);
    recreate_rules_naming(current, desired, &disturbed, out);
    routines
}

/// Views that must be dropped and created because something underneath them changes: a
/// relation they read is disturbed, or a routine they call (or an operator they use) is
/// recreated; each one
/// recreated disturbs what reads it in turn. Returns whether any was added.
fn recreate_dependent_views(
    current: &Schema,
    desired: &Schema,
    disturbed: &mut BTreeSet<QualifiedName>,
    recreated: &BTreeSet<QualifiedName>,
    out: &mut Vec<Change>,
) -> bool {
    recreate_picked(&current.views, &desired.views, out, view_replaced, |v| {
        let underneath = v
            .depends_on
            .iter()
            .any(|r| *r != v.name && disturbed.contains(r))
            || v.query.refs.iter().any(|r| recreated.contains(r));
        noted(underneath, disturbed, &v.name)
    })
}

/// Functions and procedures whose `refs` (the relations and routines a SQL-standard body
/// names, and the types of their parameters) include a disturbed relation or a recreated
/// routine: PostgreSQL refuses to retype or drop what such a body reads, so they are
/// dropped before and created after, in place of any in-place change. Each one recreated
/// is a recreated routine in turn. Returns whether any was added.
fn recreate_reading_functions(
    current: &Schema,
    desired: &Schema,
    disturbed: &BTreeSet<QualifiedName>,
    routines: &mut BTreeSet<QualifiedName>,
    out: &mut Vec<Change>,
) -> bool {
    recreate_picked(
        &current.functions,
        &desired.functions,
        out,
        function_replaced,
        |f| {
            let refs = &f.definition.refs;
            let reads = refs
                .iter()
                .any(|r| disturbed.contains(r) || (*r != f.name && routines.contains(r)))
                || (!f.calls.is_empty() && routines.contains(&f.name));
            noted(reads, routines, &f.name)
        },
    )
}

/// Aggregates and operators whose definitions use a recreated routine (their support
/// functions, an aggregate's sort operator): dropped and created with it. Each one
/// recreated is a recreated routine in turn, so the views and indexes using it follow.
/// Returns whether any was added.
fn recreate_defined_over(
    current: &Schema,
    desired: &Schema,
    routines: &mut BTreeSet<QualifiedName>,
    out: &mut Vec<Change>,
) -> bool {
    let uses =
        |e: &Expr, routines: &BTreeSet<QualifiedName>| e.refs.iter().any(|r| routines.contains(r));
    let aggregates = recreate_picked(
        &current.aggregates,
        &desired.aggregates,
        out,
        no_in_place,
        |a| noted(uses(&a.definition, routines), routines, &a.name),
    );
    let operators = recreate_picked(
        &current.operators,
        &desired.operators,
        out,
        no_in_place,
        |o| noted(uses(&o.definition, routines), routines, &o.name),
    );
    aggregates || operators
}

/// `hit`, after adding `name` to `set` when it is true.
fn noted(hit: bool, set: &mut BTreeSet<QualifiedName>, name: &QualifiedName) -> bool {
    if hit {
        set.insert(name.clone());
    }
    hit
}

/// A view's in-place changes: `CREATE OR REPLACE`, its options and column defaults, a
/// materialized view's storage parameters, column statistics and options and clustering
/// index.
fn view_replaced(change: &Change, name: &QualifiedName) -> bool {
    match change {
        Change::ReplaceView(ReplaceView { to, .. }) => to.name == *name,
        Change::SetViewOptions(SetViewOptions { view, .. }) => view == name,
        Change::SetMatviewStorageParameters(SetMatviewStorageParameters { view, .. }) => {
            view == name
        }
        Change::SetClusterOn(SetClusterOn { table, .. }) => table == name,
        Change::SetViewDefaults(SetViewDefaults { view, .. }) => view == name,
        Change::SetMatviewStatistics(SetMatviewStatistics { view, .. }) => view == name,
        Change::SetMatviewColumnOptions(SetMatviewColumnOptions { view, .. }) => view == name,
        _ => false,
    }
}

fn function_replaced(change: &Change, id: &ObjectId) -> bool {
    matches!(change, Change::ReplaceFunction(ReplaceFunction { to, .. }) if to.id == *id)
}

/// Rules that name a disturbed relation other than their own (an action writing into a
/// table whose column is retyped), and the rules that read a column of their own relation
/// that is retyped or dropped (`new.x`, `old.x`; a typed table's by its type's `ALTER TYPE
/// … CASCADE` too): PostgreSQL refuses the change under them, so they are dropped before
/// and created after, unless the changes already do.
fn recreate_rules_naming(
    current: &Schema,
    desired: &Schema,
    disturbed: &BTreeSet<QualifiedName>,
    out: &mut Vec<Change>,
) {
    let columns = disturbed_columns(out);
    recreate_picked(&current.rules, &desired.rules, out, no_in_place, |c| {
        c.depends_on.iter().any(|r| disturbed.contains(r))
            || c.reads
                .iter()
                .any(|col| columns.contains(&(c.relation.clone(), col.clone())))
    });
}

/// The table columns retyped (or given another collation) or dropped, by table and name,
/// the typed tables' columns whose attribute their type drops or retypes included.
fn disturbed_columns(out: &[Change]) -> BTreeSet<(QualifiedName, String)> {
    out.iter()
        .flat_map(|c| match c {
            Change::AlterColumn(AlterColumn {
                table, from, to, ..
            }) if from.data_type != to.data_type || from.collation != to.collation => {
                vec![(table.clone(), from.name.clone())]
            }
            Change::DropColumn(DropColumn { table, column }) => {
                vec![(table.clone(), column.name.clone())]
            }
            Change::AlterComposite(c) => c
                .tables
                .iter()
                .flat_map(|t| {
                    c.reshaped_attributes()
                        .into_iter()
                        .map(|a| (t.clone(), a.to_string()))
                })
                .collect(),
            _ => vec![],
        })
        .collect()
}

/// Drops and creates again each object both schemas have that `pick` chooses, unless the
/// changes already drop it. Its in-place changes (those `in_place` says are of its key) and
/// its comment changes are taken out: the create states the object and its comment in
/// full. `pick` sees each candidate once, in key order, and may note the ones it chooses.
/// Returns whether any was added.
fn recreate_picked<T: CreateDrop + Named + Commented + Clone>(
    current: &BTreeMap<T::Key, T>,
    desired: &BTreeMap<T::Key, T>,
    out: &mut Vec<Change>,
    in_place: impl Fn(&Change, &T::Key) -> bool,
    mut pick: impl FnMut(&T) -> bool,
) -> bool {
    let mut grew = false;
    for (key, c) in current {
        let Some(d) = desired.get(key) else {
            continue;
        };
        let gone = out
            .iter()
            .any(|x| T::dropped_in(x).is_some_and(|t| t.key() == *key));
        if gone || !pick(c) {
            continue;
        }
        let on = c.comment_on();
        out.retain(|x| {
            !in_place(x, key) && !matches!(x, Change::SetComment(c) if c.target.within(&on))
        });
        out.push(c.clone().dropped());
        out.push(d.clone().created());
        grew = true;
    }
    grew
}

/// A policy's in-place change: `ALTER POLICY`.
fn policy_altered(change: &Change, id: &ObjectId) -> bool {
    matches!(change, Change::AlterPolicy(AlterPolicy { to, .. }) if to.id == *id)
}

/// For [`recreate_picked`]: a kind with no in-place change the cascade must take out.
fn no_in_place<K>(_: &Change, _: &K) -> bool {
    false
}

/// The views the changes drop and create again, in the up or in the down (a view replaced
/// in place because it grows columns is dropped and created by its down).
fn recreated_views(out: &[Change]) -> BTreeSet<QualifiedName> {
    let replaced = out.iter().filter_map(|c| match c {
        Change::ReplaceView(ReplaceView { from, to }) if !to.replaceable_by(from) => {
            Some(to.name.clone())
        }
        _ => None,
    });
    let dropped: BTreeSet<&QualifiedName> = out
        .iter()
        .filter_map(|c| match c {
            Change::DropView(DropView(v)) => Some(&v.name),
            _ => None,
        })
        .collect();
    out.iter()
        .filter_map(|c| match c {
            Change::CreateView(CreateView(v)) if dropped.contains(&v.name) => Some(v.name.clone()),
            _ => None,
        })
        .chain(replaced)
        .collect()
}

/// The indexes (of materialized views) and the members (rules) of every view the changes
/// drop and create again: PostgreSQL drops them with the view.
fn recreate_view_indexes(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let recreated = recreated_views(out);
    let mut extra = Vec::new();
    for (name, d) in &desired.indexes {
        let Some(c) = current.indexes.get(name) else {
            continue;
        };
        let already = out
            .iter()
            .any(|x| matches!(x, Change::CreateIndex(CreateIndex(i)) if i.name == *name));
        if recreated.contains(&d.table) && !already {
            extra.push(Change::DropIndex(DropIndex(Box::new(c.clone()))));
            extra.push(Change::CreateIndex(CreateIndex(Box::new(d.clone()))));
        }
    }
    let mut members = RecreateMembers {
        on: &recreated,
        out: &*out,
        extra: Vec::new(),
    };
    Schema::visit_member_pairs(current, desired, &mut members);
    extra.extend(members.extra);
    out.extend(extra);
}

/// Drops and creates again the members that live on the relations `on`, unless the
/// changes already create them.
struct RecreateMembers<'a> {
    on: &'a BTreeSet<QualifiedName>,
    out: &'a [Change],
    extra: Vec<Change>,
}

impl MemberPairVisitor for RecreateMembers<'_> {
    fn visit<T: RelationMember + CreateDrop + Clone>(
        &mut self,
        current: &BTreeMap<ObjectId, T>,
        desired: &BTreeMap<ObjectId, T>,
    ) {
        for (id, d) in desired {
            let Some(c) = current.get(id) else {
                continue;
            };
            let created = d.clone().created();
            if self.on.contains(d.relation()) && !self.out.contains(&created) {
                self.extra.push(c.clone().dropped());
                self.extra.push(created);
            }
        }
    }
}

/// Triggers and policies that use a recreated function are dropped and created with it.
fn recreate_function_dependents(
    current: &Schema,
    desired: &Schema,
    recreated: &BTreeSet<QualifiedName>,
    out: &mut Vec<Change>,
) {
    let uses = |e: &Expr| e.refs.iter().any(|r| recreated.contains(r));
    let calls = |p: &Policy| p.using.iter().chain(p.with_check.iter()).any(uses);
    recreate_picked(
        &current.policies,
        &desired.policies,
        out,
        policy_altered,
        calls,
    );
    let calls = |t: &Trigger| recreated.contains(&t.function);
    recreate_picked(
        &current.triggers,
        &desired.triggers,
        out,
        no_in_place,
        calls,
    );
}

/// A column default that changes along with its enum's values is set by the enum change
/// (see [`EnumUsage::default_after`]), not by the column's own change, which would run on the
/// wrong side of the rebuild in one direction or the other.
fn leave_enum_defaults_to_rebuilds(out: &mut Vec<Change>) {
    let moved: Vec<(QualifiedName, String)> = out
        .iter()
        .filter_map(|c| match c {
            Change::AlterEnum(c) => Some(&c.usages),
            _ => None,
        })
        .flatten()
        .filter(|u| u.column.default != u.default_after)
        .map(|u| (u.table.clone(), u.column.name.clone()))
        .collect();
    if moved.is_empty() {
        return;
    }
    out.retain_mut(|c| match c {
        Change::AlterColumn(AlterColumn {
            table, from, to, ..
        }) if moved.contains(&(table.clone(), from.name.clone())) => {
            from.default = to.default.clone();
            from != to
        }
        _ => true,
    });
}

/// Constraints and indexes over a column whose type changes (or whose enum is rebuilt) are
/// dropped before the change and built again after it, from their desired definitions:
/// - a FOREIGN KEY on either side, because PostgreSQL re-checks it against the half-changed
///   pair of types and may refuse (`Key columns … are of incompatible types`);
/// - a CHECK, or an index whose expression or predicate names the column, because
///   PostgreSQL re-parses them for the new type and keeps the casts it had to add
///   (`(x)::numeric >= (1)::numeric`), so they would no longer read as written.
///
/// Between `text` and `varchar` nothing is re-parsed differently, so nothing is rebuilt.
fn refresh_over_type_changes(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let mut retyped: BTreeMap<&QualifiedName, Vec<&str>> = BTreeMap::new();
    for c in out.iter() {
        // An enum rebuilt under its columns changes their type too (in one direction or the
        // other: adding values in place has a rebuild for its down).
        if let Change::AlterEnum(c) = c {
            for u in &c.usages {
                retyped.entry(&u.table).or_default().push(&u.column.name);
            }
        }
        if let Change::AlterColumn(AlterColumn {
            table, from, to, ..
        }) = c
        {
            let textual = |t: &str| t == "text" || t.starts_with("character varying");
            let binary_coercible = textual(&from.data_type) && textual(&to.data_type);
            if (from.data_type != to.data_type || from.type_ref != to.type_ref) && !binary_coercible
            {
                retyped.entry(table).or_default().push(&from.name);
            }
        }
    }
    if retyped.is_empty() {
        return;
    }
    let hits = |table: &QualifiedName, cols: &[String]| {
        retyped
            .get(table)
            .is_some_and(|r| cols.iter().any(|c| r.contains(&c.as_str())))
    };
    let names = |table: &QualifiedName, e: &Expr| {
        retyped
            .get(table)
            .is_some_and(|r| r.iter().any(|c| e.reads(c)))
    };
    let mut extra = Vec::new();
    for t in current.tables.values() {
        for k in t.constraints.values() {
            let refresh = match &k.kind {
                ConstraintKind::ForeignKey {
                    columns,
                    ref_table,
                    ref_columns,
                    ..
                } => hits(&t.name, columns) || hits(ref_table, ref_columns),
                ConstraintKind::Check { expr, .. } => names(&t.name, expr),
                _ => false,
            };
            if refresh {
                rebuild_constraint(out, desired, &t.name, k, &mut extra);
            }
        }
    }
    for i in current.indexes.values() {
        let expressions = i
            .keys
            .iter()
            .filter(|k| k.column.is_none())
            .map(|k| &k.def)
            .chain(i.predicate.iter());
        if expressions.into_iter().any(|e| names(&i.table, e)) {
            rebuild_index(out, desired, i, &mut extra);
        }
    }
    out.extend(extra);
}

/// Drops index `i` and creates its desired form back (if it is still desired), unless the
/// changes in `out` already drop it.
fn rebuild_index(out: &[Change], desired: &Schema, i: &Index, extra: &mut Vec<Change>) {
    if out
        .iter()
        .any(|c| matches!(c, Change::DropIndex(DropIndex(d)) if d.name == i.name))
    {
        return;
    }
    extra.push(Change::DropIndex(DropIndex(Box::new(i.clone()))));
    if let Some(d) = desired.indexes.get(&i.name) {
        extra.push(Change::CreateIndex(CreateIndex(Box::new(d.clone()))));
    }
}

/// Drops `k` of `table` and adds its desired form back (if it is still desired), unless the
/// changes in `out` already drop it or its table.
fn rebuild_constraint(
    out: &[Change],
    desired: &Schema,
    table: &QualifiedName,
    k: &Constraint,
    extra: &mut Vec<Change>,
) {
    let gone = out.iter().any(|c| {
        matches!(c, Change::DropConstraint(DropConstraint { table: t, constraint }) if t == table && constraint.name == k.name)
            || matches!(c, Change::DropTable(DropTable(d)) if d.name == *table)
    });
    if gone {
        return;
    }
    extra.push(k.clone().dropped_from(table));
    if let Some(d) = desired
        .tables
        .get(table)
        .and_then(|d| d.constraints.get(&k.name))
    {
        extra.push(d.clone().added_to(table));
    }
}

/// A primary key, unique constraint or unique index that is dropped (to be renamed or
/// redefined) takes the foreign keys that rely on it along: PostgreSQL refuses to drop it
/// otherwise. Those foreign keys are dropped first and, if still desired, added back once
/// the key is. A foreign key relies on one unique index over exactly its referenced
/// columns (`transformFkeyCheckAttrs`); which one, when several qualify, only the catalog
/// knows, so each of them takes it along.
fn refresh_dependent_foreign_keys(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let dropped_keys: Vec<(QualifiedName, Vec<String>)> = out
        .iter()
        .filter_map(|c| match c {
            Change::DropConstraint(DropConstraint { table, constraint }) => {
                match &constraint.kind {
                    ConstraintKind::PrimaryKey { columns, .. }
                    | ConstraintKind::Unique { columns, .. } => {
                        Some((table.clone(), columns.clone()))
                    }
                    ConstraintKind::Check { .. }
                    | ConstraintKind::ForeignKey { .. }
                    | ConstraintKind::Exclude { .. } => None,
                }
            }
            Change::DropIndex(DropIndex(i)) if i.unique && i.predicate.is_none() => {
                let columns: Option<Vec<String>> =
                    i.keys.iter().map(|k| k.column.clone()).collect();
                columns.map(|c| (i.table.clone(), c))
            }
            _ => None,
        })
        .collect();
    if dropped_keys.is_empty() {
        return;
    }
    let mut extra = Vec::new();
    for t in current.tables.values() {
        for fk in t.constraints.values() {
            let ConstraintKind::ForeignKey {
                ref_table,
                ref_columns,
                ..
            } = &fk.kind
            else {
                continue;
            };
            let relies = dropped_keys.iter().any(|(kt, kc)| {
                kt == ref_table && {
                    let mut a = kc.clone();
                    let mut b = ref_columns.clone();
                    a.sort();
                    b.sort();
                    a == b
                }
            });
            if relies {
                rebuild_constraint(out, desired, &t.name, fk, &mut extra);
            }
        }
    }
    // A foreign key changed anyway is already dropped and added by the table's own diff.
    extra.retain(|c| !out.contains(c));
    out.extend(extra);
}

/// Column defaults and CHECKs, and domains' defaults and CHECKs, that call a function
/// being dropped and created (or use an operator so, as an EXCLUDE constraint's `WITH op`
/// may) are taken off before and put back after: PostgreSQL refuses to drop a routine
/// they depend on.
fn release_function_callers(
    current: &Schema,
    desired: &Schema,
    recreated: &BTreeSet<QualifiedName>,
    out: &mut Vec<Change>,
) {
    let calls = |e: &Option<Expr>| {
        e.as_ref()
            .is_some_and(|e| e.refs.iter().any(|r| recreated.contains(r)))
    };
    let mut extra = Vec::new();
    for c in current.tables.values() {
        let Some(d) = desired.tables.get(&c.name) else {
            continue;
        };
        for ccol in c.columns.iter() {
            let Some(dcol) = d.column(&ccol.name) else {
                continue;
            };
            let touched = out.iter().any(|x| {
                matches!(x, Change::AlterColumn(AlterColumn { table, to, .. }) | Change::DropColumn(DropColumn { table, column: to })
                    if *table == c.name && to.name == ccol.name)
            });
            if touched || !calls(&ccol.default) || !calls(&dcol.default) {
                continue;
            }
            let bare = Column {
                default: None,
                comment: None,
                renamed_from: None,
                ..ccol.clone()
            };
            extra.push(Change::from(AlterColumn {
                table: c.name.clone(),
                from: Box::new(Column {
                    comment: None,
                    renamed_from: None,
                    ..ccol.clone()
                }),
                to: Box::new(bare.clone()),
                around: None,
                handover: false,
            }));
            extra.push(Change::from(AlterColumn {
                table: c.name.clone(),
                from: Box::new(bare),
                to: Box::new(Column {
                    comment: None,
                    renamed_from: None,
                    ..dcol.clone()
                }),
                around: None,
                handover: false,
            }));
        }
        for (name, k) in c.constraints.iter() {
            let (ConstraintKind::Check { expr, .. } | ConstraintKind::Exclude { definition: expr }) =
                &k.kind
            else {
                continue;
            };
            let Some(dk) = d.constraints.get(name) else {
                continue;
            };
            let touched = out.iter().any(|x| {
                matches!(x, Change::DropConstraint(DropConstraint { table, constraint }) if *table == c.name && constraint.name == *name)
            });
            if touched || !calls(&Some(expr.clone())) {
                continue;
            }
            extra.push(k.clone().dropped_from(&c.name));
            extra.push(dk.clone().added_to(&c.name));
        }
    }
    // Indexes whose expressions or predicate call it are dropped and created.
    for (name, ci) in &current.indexes {
        let Some(di) = desired.indexes.get(name) else {
            continue;
        };
        let calling = ci
            .keys
            .iter()
            .map(|k| Some(k.def.clone()))
            .chain(std::iter::once(ci.predicate.clone()))
            .any(|e| calls(&e));
        let touched = out
            .iter()
            .any(|x| matches!(x, Change::DropIndex(DropIndex(i)) if i.name == *name));
        if calling && !touched {
            extra.push(Change::DropIndex(DropIndex(Box::new(ci.clone()))));
            extra.push(Change::CreateIndex(CreateIndex(Box::new(di.clone()))));
        }
    }
    out.extend(extra);
    let calls = |e: &Expr| e.refs.iter().any(|r| recreated.contains(r));
    domain::release_calls(current, desired, &calls, out);
}

#[cfg(test)]
mod tests;
