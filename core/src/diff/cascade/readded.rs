//! Columns dropped and added again in one diff: PostgreSQL 15 cannot change a generation
//! expression in place (nor make a plain column generated), so the column pass drops the
//! column and adds it anew; a generated column made plain keeps its values (`DROP
//! EXPRESSION`), but its down file adds it again, so it counts too. `DROP COLUMN` takes the indexes and constraints over the
//! column along silently, and refuses while a foreign key elsewhere references it; the
//! per-kind passes see those objects unchanged and leave them out. This step drops them
//! before and creates them again after, from their desired definitions, as
//! [`super::refresh_over_type_changes`] does for a retyped column. (What reads the
//! table's rows, views and SQL-standard bodies, follows the `DropColumn` through
//! [`super::recreate_readers`].)
//!
//! A stored generated column whose expression calls a routine that is dropped and created
//! (a function, or uses an operator) is dropped and added again the same way
//! ([`readd_routine_callers`]): PostgreSQL ties the expression to the routine and refuses
//! the routine's drop while the column stands, and the column's values are recomputed, so
//! nothing is lost. A parent's `DROP COLUMN` reaches its children and partitions, so what
//! stands on their inherited column is taken along too ([`descendants`]).

use crate::change::{Change, MemberCreateDrop};
use crate::kinds::comment::CommentTarget;
use crate::kinds::*;
use crate::schema::*;
use std::collections::{BTreeMap, BTreeSet};

/// Stored generated columns, generated in both schemas, whose current expression calls a
/// routine of `routines` (by name: the expression's `refs`, the files' parse trees, and
/// the live catalog's `pg_depend` for operators): dropped before and added again after,
/// from the desired definition, unless the changes already drop the column or change its
/// generation. Its other changes (type, NOT NULL, comment) go with the add, which states
/// the column in full. Each such table is noted in `disturbed`, so what reads its rows
/// follows; what stands on the column follows through [`refresh_over_readded_columns`].
/// Returns whether any was added.
pub(super) fn readd_routine_callers(
    current: &Schema,
    desired: &Schema,
    routines: &BTreeSet<QualifiedName>,
    disturbed: &mut BTreeSet<QualifiedName>,
    out: &mut Vec<Change>,
) -> bool {
    let mut grew = false;
    for c in current.tables.values() {
        let Some(d) = desired.tables.get(&c.name) else {
            continue;
        };
        // An inherited column comes and goes with its parent's (`DROP COLUMN` refuses it).
        for ccol in c.columns.iter().filter(|c| !c.inherited) {
            let calls = ccol
                .generated
                .as_deref()
                .is_some_and(|e| e.refs.iter().any(|r| routines.contains(r)));
            let Some(dcol) = d
                .column(&ccol.name)
                .filter(|d| calls && d.generated.is_some())
            else {
                continue;
            };
            let table = &c.name;
            // A table dropped (and created again) takes the column with it.
            let touched = out.iter().any(|x| match x {
                Change::DropTable(DropTable(t)) => t.name == *table,
                Change::DropColumn(DropColumn { table: t, column }) => {
                    t == table && column.name == ccol.name
                }
                Change::AlterGeneration(AlterGeneration { table: t, to, .. }) => {
                    t == table && to.name == ccol.name
                }
                _ => false,
            });
            if touched {
                continue;
            }
            let on = CommentTarget::Column {
                table: table.clone(),
                column: ccol.name.clone(),
            };
            out.retain(|x| match x {
                Change::AlterColumn(AlterColumn { table: t, to, .. }) => {
                    !(t == table && to.name == ccol.name)
                }
                Change::SetComment(c) => c.target != on,
                _ => true,
            });
            out.push(ccol.clone().dropped_from(table));
            out.push(dcol.clone().added_to(table));
            disturbed.insert(table.clone());
            disturbed.extend(descendants(current, table));
            grew = true;
        }
    }
    grew
}

/// Indexes and constraints over a column the changes drop and add again (by name, on the
/// same table) are dropped before and created after, unless the changes already drop them.
pub(super) fn refresh_over_readded_columns(
    current: &Schema,
    desired: &Schema,
    out: &mut Vec<Change>,
) {
    let mut readded = readded_columns(out);
    if readded.is_empty() {
        return;
    }
    // `DROP COLUMN` on a parent drops the inherited column of its children and
    // partitions, with what stands on it there.
    for (table, columns) in readded.clone() {
        for child in descendants(current, &table) {
            readded
                .entry(child)
                .or_default()
                .extend(columns.iter().cloned());
        }
    }
    let on = |table: &QualifiedName, column: &str| {
        readded
            .get(table)
            .is_some_and(|cols| cols.iter().any(|c| c == column))
    };
    let any_of = |table: &QualifiedName, columns: &[String]| columns.iter().any(|c| on(table, c));
    let reads = |table: &QualifiedName, e: &Expr| {
        readded
            .get(table)
            .is_some_and(|cols| cols.iter().any(|c| e.reads(c)))
    };
    let mut extra = Vec::new();
    for t in current.tables.values() {
        for k in t.constraints.values() {
            let over = match &k.kind {
                ConstraintKind::PrimaryKey { columns, include }
                | ConstraintKind::Unique {
                    columns, include, ..
                } => any_of(&t.name, columns) || any_of(&t.name, include),
                ConstraintKind::Check { expr, .. } => reads(&t.name, expr),
                ConstraintKind::ForeignKey {
                    columns,
                    ref_table,
                    ref_columns,
                    ..
                } => any_of(&t.name, columns) || any_of(ref_table, ref_columns),
                ConstraintKind::Exclude { definition } => reads(&t.name, definition),
            };
            if over {
                super::rebuild_constraint(out, desired, &t.name, k, &mut extra);
            }
        }
    }
    for i in current.indexes.values() {
        let over = any_of(&i.table, &i.include)
            || i.predicate.iter().any(|p| reads(&i.table, p))
            || i.keys.iter().any(|k| match &k.column {
                Some(c) => on(&i.table, c),
                None => reads(&i.table, &k.def),
            });
        if over {
            super::rebuild_index(out, desired, i, &mut extra);
        }
    }
    out.extend(extra);
}

/// The columns, by table, that the changes both drop and add, or whose generation changes
/// (an `AlterGeneration` adds the column again in one direction or the other).
fn readded_columns(out: &[Change]) -> BTreeMap<QualifiedName, Vec<String>> {
    let mut readded: BTreeMap<QualifiedName, Vec<String>> = BTreeMap::new();
    for c in out {
        let (table, column) = match c {
            Change::DropColumn(DropColumn { table, column }) => (table, column),
            // Its down drops the column and adds it again (its up may too).
            Change::AlterGeneration(AlterGeneration { table, to, .. }) => {
                readded
                    .entry(table.clone())
                    .or_default()
                    .push(to.name.clone());
                continue;
            }
            _ => continue,
        };
        let added = out.iter().any(|a| {
            matches!(a, Change::AddColumn(AddColumn { table: t, column: added })
                if t == table && added.name == column.name)
        });
        if added {
            readded
                .entry(table.clone())
                .or_default()
                .push(column.name.clone());
        }
    }
    readded
}

/// The tables that take `table`'s columns (its `INHERITS` children and its partitions),
/// through every level: `DROP COLUMN` and `ADD COLUMN` on `table` reach them.
fn descendants(current: &Schema, table: &QualifiedName) -> Vec<QualifiedName> {
    let mut found = vec![table.clone()];
    let mut next = 0;
    while next < found.len() {
        let parent = found[next].clone();
        for t in current.tables.values() {
            let child = t.inherits.contains(&parent)
                || t.partition_of.as_ref().is_some_and(|p| p.parent == parent);
            if child && !found.contains(&t.name) {
                found.push(t.name.clone());
            }
        }
        next += 1;
    }
    found.remove(0);
    found
}
