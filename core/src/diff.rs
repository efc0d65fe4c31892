//! The diff: `diff(current, desired)` lists the changes that turn one schema into the other.
//!
//! A pure, deterministic function: no I/O, and the output order follows the `BTreeMap`s of the
//! IR. The order it returns is not an execution order; [`crate::plan`] decides that.

use crate::change::Change;
use crate::kinds::*;
use crate::schema::*;
use std::collections::{BTreeMap, BTreeSet};

/// The changes that turn `current` into `desired`.
pub fn diff(current: &Schema, desired: &Schema) -> Vec<Change> {
    let mut out = Vec::new();
    diff_schemas(current, desired, &mut out);
    diff_extensions(current, desired, &mut out);
    let relabelled = relabel_enum_defaults(current, &enum_value_renames(current, desired));
    let current = relabelled.as_ref().unwrap_or(current);
    diff_enums(current, desired, &mut out);
    diff_domains(current, desired, &mut out);
    diff_sequences(current, desired, &mut out);
    diff_tables(current, desired, &mut out);
    diff_indexes(current, desired, &mut out);
    refresh_over_type_changes(current, desired, &mut out);
    leave_enum_defaults_to_rebuilds(&mut out);
    refresh_dependent_foreign_keys(current, desired, &mut out);
    diff_views(current, desired, &mut out);
    diff_functions(current, desired, &mut out);
    diff_aggregates_operators(current, desired, &mut out);
    pair_up(
        &current.dialect_objects,
        &desired.dialect_objects,
        |c, d| {
            if c != d {
                out.push(Change::DialectObject(DialectObjectChange {
                    from: c.cloned(),
                    to: d.cloned(),
                }));
            }
        },
    );
    diff_privileges(current, desired, &mut out);
    out
}

/// Walks two maps in key order, calling `f(current, desired)` for every key in either.
fn pair_up<'a, K: Ord, V>(
    current: &'a BTreeMap<K, V>,
    desired: &'a BTreeMap<K, V>,
    mut f: impl FnMut(Option<&'a V>, Option<&'a V>),
) {
    for (k, c) in current {
        f(Some(c), desired.get(k));
    }
    for (k, d) in desired {
        if !current.contains_key(k) {
            f(None, Some(d));
        }
    }
}

fn comment_change(
    out: &mut Vec<Change>,
    target: CommentTarget,
    from: &Option<String>,
    to: &Option<String>,
) {
    if from != to {
        out.push(Change::SetComment(SetComment {
            target,
            from: from.clone(),
            to: to.clone(),
        }));
    }
}

fn diff_schemas(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    pair_up(&current.schemas, &desired.schemas, |c, d| match (c, d) {
        (Some(c), None) => out.push(Change::DropSchema(DropSchema(c.clone()))),
        (None, Some(d)) => out.push(Change::CreateSchema(CreateSchema(d.clone()))),
        (Some(c), Some(d)) => comment_change(
            out,
            CommentTarget::Schema {
                name: d.name.clone(),
            },
            &c.comment,
            &d.comment,
        ),
        (None, None) => {}
    });
}

fn diff_extensions(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    pair_up(&current.extensions, &desired.extensions, |c, d| {
        match (c, d) {
            (Some(c), None) => out.push(Change::DropExtension(DropExtension(c.clone()))),
            (None, Some(d)) => out.push(Change::CreateExtension(CreateExtension(d.clone()))),
            (Some(c), Some(d)) => {
                // A source that does not pin a version or schema accepts whatever is installed.
                let version_differs = d.version.is_some() && d.version != c.version;
                let schema_differs = d.schema.is_some() && d.schema != c.schema;
                if version_differs || schema_differs {
                    let mut to = c.clone();
                    if version_differs {
                        to.version = d.version.clone();
                    }
                    if schema_differs {
                        to.schema = d.schema.clone();
                    }
                    out.push(Change::AlterExtension(AlterExtension {
                        from: c.clone(),
                        to,
                    }));
                }
                // Extensions bring their own comment; only a declared one is managed.
                if d.comment.is_some() {
                    comment_change(
                        out,
                        CommentTarget::Extension {
                            name: d.name.clone(),
                        },
                        &c.comment,
                        &d.comment,
                    );
                }
            }
            (None, None) => {}
        }
    });
}

fn diff_enums(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    pair_up(&current.enums, &desired.enums, |c, d| match (c, d) {
        (Some(c), None) => out.push(Change::DropEnum(DropEnum(c.clone()))),
        (None, Some(d)) => out.push(Change::CreateEnum(CreateEnum(d.clone()))),
        (Some(c), Some(d)) => {
            // `-- migrator:renamed-from`: the value keeps its place and its rows.
            let mut c = c.clone();
            for (old, new) in renamed_labels(&c, d) {
                if let Some(v) = c.values.iter_mut().find(|v| **v == old) {
                    *v = new.clone();
                }
                out.push(Change::RenameEnumValue(RenameEnumValue {
                    name: d.name.clone(),
                    from: old,
                    to: new,
                }));
            }
            let c = &c;
            if c.values != d.values {
                let usages = enum_usages(current, desired, &c.name);
                out.push(Change::AlterEnum(AlterEnum {
                    from: c.clone(),
                    to: d.clone(),
                    usages,
                }));
            }
            comment_change(
                out,
                CommentTarget::Type {
                    name: d.name.clone(),
                },
                &c.comment,
                &d.comment,
            );
        }
        (None, None) => {}
    });
}

/// The `(old, new)` labels of `current` that `desired` says are renamed.
fn renamed_labels(current: &EnumType, desired: &EnumType) -> Vec<(String, String)> {
    desired
        .renamed_values
        .iter()
        .filter(|(new, old)| {
            !current.values.contains(new)
                && !desired.values.contains(old)
                && current.values.contains(old)
        })
        .map(|(new, old)| (old.clone(), new.clone()))
        .collect()
}

/// Every enum value rename: `(type, old, new)`.
fn enum_value_renames(current: &Schema, desired: &Schema) -> Vec<(QualifiedName, String, String)> {
    desired
        .enums
        .values()
        .filter(|d| !d.renamed_values.is_empty())
        .filter_map(|d| current.enums.get(&d.name).map(|c| (c, d)))
        .flat_map(|(c, d)| {
            renamed_labels(c, d)
                .into_iter()
                .map(|(old, new)| (d.name.clone(), old, new))
        })
        .collect()
}

/// After `ALTER TYPE … RENAME VALUE` the catalog shows column defaults with the new label:
/// the current schema is read that way, so such a default is not reset for nothing (and
/// its down does not run before the value is renamed back). `None` without renames.
fn relabel_enum_defaults(
    current: &Schema,
    renames: &[(QualifiedName, String, String)],
) -> Option<Schema> {
    if renames.is_empty() {
        return None;
    }
    let literal = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut schema = current.clone();
    for t in schema.tables.values_mut() {
        for c in &mut t.columns {
            let (Some(ty), Some(d)) = (&c.type_ref, &mut c.default) else {
                continue;
            };
            for (name, from, to) in renames {
                if name == ty {
                    d.key = d.key.replace(&literal(from), &literal(to));
                    d.sql = d.sql.replace(&literal(from), &literal(to));
                }
            }
        }
    }
    Some(schema)
}

/// Columns whose type is the enum `name` (or an array of it) in both schemas: the ones that
/// exist when the type is rebuilt, in either direction. Dropped tables and columns are gone
/// by then (drops come first) and new ones are created afterwards, with the new type.
fn enum_usages(current: &Schema, desired: &Schema, name: &QualifiedName) -> Vec<EnumUsage> {
    let mut out = Vec::new();
    for t in current.tables.values() {
        for c in &t.columns {
            let Some(d) = desired.tables.get(&t.name).and_then(|d| d.column(&c.name)) else {
                continue;
            };
            if c.type_ref.as_ref() == Some(name) && d.type_ref.as_ref() == Some(name) {
                out.push(EnumUsage {
                    table: t.name.clone(),
                    column: c.clone(),
                    default_after: d.default.clone(),
                });
            }
        }
    }
    out
}

fn diff_sequences(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    pair_up(&current.sequences, &desired.sequences, |c, d| {
        match (c, d) {
            (Some(c), None) => {
                if c.owned_by.is_some() {
                    out.push(Change::SetSequenceOwner(SetSequenceOwner {
                        sequence: c.name.clone(),
                        from: c.owned_by.clone(),
                        to: None,
                    }));
                }
                out.push(Change::DropSequence(DropSequence(Sequence {
                    owned_by: None,
                    ..c.clone()
                })));
            }
            (None, Some(d)) => {
                out.push(Change::CreateSequence(CreateSequence(Sequence {
                    owned_by: None,
                    ..d.clone()
                })));
                if d.owned_by.is_some() {
                    out.push(Change::SetSequenceOwner(SetSequenceOwner {
                        sequence: d.name.clone(),
                        from: None,
                        to: d.owned_by.clone(),
                    }));
                }
            }
            (Some(c), Some(d)) => {
                if c.options != d.options {
                    out.push(Change::AlterSequence(AlterSequence {
                        from: c.clone(),
                        to: d.clone(),
                    }));
                }
                if c.owned_by != d.owned_by {
                    out.push(Change::SetSequenceOwner(SetSequenceOwner {
                        sequence: d.name.clone(),
                        from: c.owned_by.clone(),
                        to: d.owned_by.clone(),
                    }));
                }
                comment_change(
                    out,
                    CommentTarget::Sequence {
                        name: d.name.clone(),
                    },
                    &c.comment,
                    &d.comment,
                );
            }
            (None, None) => {}
        }
    });
}

fn diff_tables(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    // `-- migrator:renamed-from`: the old table is the current state of the new one.
    let mut renamed: BTreeMap<QualifiedName, Table> = BTreeMap::new();
    for d in desired.tables.values() {
        let Some(old) = &d.renamed_from else { continue };
        let old = QualifiedName::new(d.name.schema.clone(), old.clone());
        if current.tables.contains_key(&d.name) || desired.tables.contains_key(&old) {
            continue;
        }
        if let Some(c) = current.tables.get(&old) {
            out.push(Change::RenameTable(RenameTable {
                from: old.clone(),
                to: d.name.clone(),
            }));
            renamed.insert(old, c.clone());
        }
    }
    pair_up(&current.tables, &desired.tables, |c, d| match (c, d) {
        (Some(c), None) if renamed.contains_key(&c.name) => {}
        (None, Some(d))
            if d.renamed_from.as_ref().is_some_and(|o| {
                renamed.contains_key(&QualifiedName::new(d.name.schema.clone(), o.clone()))
            }) =>
        {
            let old = QualifiedName::new(
                d.name.schema.clone(),
                d.renamed_from.clone().unwrap_or_default(),
            );
            let mut c = renamed[&old].clone();
            c.name = d.name.clone();
            diff_table_with_parents(&c, d, current, desired, out);
        }
        (Some(c), None) => out.push(Change::DropTable(DropTable(c.clone()))),
        (None, Some(d)) => out.push(Change::CreateTable(CreateTable(d.clone()))),
        (Some(c), Some(d)) if c.partition_by != d.partition_by => {
            // A table cannot change how it is partitioned: it is created again.
            out.push(Change::DropTable(DropTable(c.clone())));
            out.push(Change::CreateTable(CreateTable(d.clone())));
        }
        (Some(c), Some(d)) => diff_table_with_parents(c, d, current, desired, out),
        (None, None) => {}
    });
}

/// [`diff_table`] for a table with parents (`INHERITS`). Inherited columns follow their
/// parent: a column the parent adds, drops or alters reaches the child by itself, so the
/// child's own change is left out. Parents removed and added are `SetInherits` changes.
fn diff_table_with_parents(
    c: &Table,
    d: &Table,
    current: &Schema,
    desired: &Schema,
    out: &mut Vec<Change>,
) {
    if c.inherits.is_empty() && d.inherits.is_empty() {
        return diff_table(c, d, out);
    }
    // PostgreSQL cannot make a column inherited-only again: the flag is not compared.
    let strip = |t: &Table| {
        let mut t = t.clone();
        for col in &mut t.columns {
            col.inherited = false;
        }
        t
    };
    let mut own = Vec::new();
    diff_table(&strip(c), &strip(d), &mut own);
    let kept: Vec<&QualifiedName> = c
        .inherits
        .iter()
        .filter(|p| d.inherits.contains(p))
        .collect();
    let from_kept_parent = |schema: &Schema, col: &str| {
        kept.iter().any(|p| {
            schema
                .tables
                .get(*p)
                .is_some_and(|t| t.column(col).is_some())
        })
    };
    let inherited = |t: &Table, col: &str| t.column(col).is_some_and(|x| x.inherited);
    own.retain(|ch| match ch {
        Change::AddColumn(AddColumn { column, .. }) => {
            !(inherited(d, &column.name) && from_kept_parent(desired, &column.name))
        }
        Change::DropColumn(DropColumn { column, .. }) => {
            !(inherited(c, &column.name) && from_kept_parent(current, &column.name))
        }
        Change::AlterColumn(AlterColumn { to, .. }) => {
            !(inherited(c, &to.name) && inherited(d, &to.name))
        }
        _ => true,
    });
    out.extend(own);
    let removed: Vec<QualifiedName> = c
        .inherits
        .iter()
        .filter(|p| !d.inherits.contains(p))
        .cloned()
        .collect();
    let added: Vec<QualifiedName> = d
        .inherits
        .iter()
        .filter(|p| !c.inherits.contains(p))
        .cloned()
        .collect();
    if !removed.is_empty() {
        out.push(Change::SetInherits(SetInherits {
            table: d.name.clone(),
            from: removed,
            to: Vec::new(),
        }));
    }
    if !added.is_empty() {
        out.push(Change::SetInherits(SetInherits {
            table: d.name.clone(),
            from: Vec::new(),
            to: added,
        }));
    }
}

fn diff_table(c: &Table, d: &Table, out: &mut Vec<Change>) {
    let name = &d.name;
    // `-- migrator:renamed-from` on a column: rename, then compare as the same column.
    let mut c = c.clone();
    for dcol in &d.columns {
        let Some(old) = &dcol.renamed_from else {
            continue;
        };
        if c.column(&dcol.name).is_some() || d.column(old).is_some() {
            continue;
        }
        if let Some(col) = c.column_mut(old) {
            col.name = dcol.name.clone();
            out.push(Change::RenameColumn(RenameColumn {
                table: name.clone(),
                from: old.clone(),
                to: dcol.name.clone(),
            }));
        }
    }
    let c = &c;
    // Columns: order is ignored (PostgreSQL can only append).
    for col in &c.columns {
        if d.column(&col.name).is_none() {
            out.push(Change::DropColumn(DropColumn {
                table: name.clone(),
                column: col.clone(),
            }));
        }
    }
    for dcol in &d.columns {
        match c.column(&dcol.name) {
            None => out.push(Change::AddColumn(AddColumn {
                table: name.clone(),
                column: dcol.clone(),
            })),
            Some(ccol) => {
                let without_comment = |x: &Column| Column {
                    comment: None,
                    renamed_from: None,
                    ..x.clone()
                };
                if without_comment(ccol) != without_comment(dcol) {
                    if ccol.generated != dcol.generated {
                        // PostgreSQL 15 cannot change a generation expression in place.
                        out.push(Change::DropColumn(DropColumn {
                            table: name.clone(),
                            column: ccol.clone(),
                        }));
                        out.push(Change::AddColumn(AddColumn {
                            table: name.clone(),
                            column: dcol.clone(),
                        }));
                        continue;
                    }
                    out.push(Change::AlterColumn(AlterColumn {
                        table: name.clone(),
                        from: without_comment(ccol),
                        to: without_comment(dcol),
                    }));
                }
                comment_change(
                    out,
                    CommentTarget::Column {
                        table: name.clone(),
                        column: dcol.name.clone(),
                    },
                    &ccol.comment,
                    &dcol.comment,
                );
            }
        }
    }
    pair_up(&c.constraints, &d.constraints, |cc, dc| match (cc, dc) {
        (Some(cc), None) => out.push(Change::DropConstraint(DropConstraint {
            table: name.clone(),
            constraint: cc.clone(),
        })),
        (None, Some(dc)) => out.push(Change::AddConstraint(AddConstraint {
            table: name.clone(),
            constraint: dc.clone(),
        })),
        (Some(cc), Some(dc)) => {
            let same = cc.kind == dc.kind
                && cc.deferrable == dc.deferrable
                && cc.initially_deferred == dc.initially_deferred;
            if !same {
                out.push(Change::DropConstraint(DropConstraint {
                    table: name.clone(),
                    constraint: cc.clone(),
                }));
                out.push(Change::AddConstraint(AddConstraint {
                    table: name.clone(),
                    constraint: dc.clone(),
                }));
            } else {
                comment_change(
                    out,
                    CommentTarget::Constraint {
                        table: name.clone(),
                        name: dc.name.clone(),
                    },
                    &cc.comment,
                    &dc.comment,
                );
            }
        }
        (None, None) => {}
    });
    comment_change(
        out,
        CommentTarget::Table { name: name.clone() },
        &c.comment,
        &d.comment,
    );
    if c.partition_of != d.partition_of {
        if c.partition_of.is_some() {
            out.push(Change::SetPartition(SetPartition {
                table: name.clone(),
                from: c.partition_of.clone(),
                to: None,
            }));
        }
        if d.partition_of.is_some() {
            out.push(Change::SetPartition(SetPartition {
                table: name.clone(),
                from: None,
                to: d.partition_of.clone(),
            }));
        }
    }
    let (from, to) = (
        (c.row_security, c.force_row_security),
        (d.row_security, d.force_row_security),
    );
    if from != to {
        out.push(Change::SetRowSecurity(SetRowSecurity {
            table: name.clone(),
            from,
            to,
        }));
    }
}

fn diff_indexes(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    pair_up(&current.indexes, &desired.indexes, |c, d| match (c, d) {
        (Some(c), None) => out.push(Change::DropIndex(DropIndex(c.clone()))),
        (None, Some(d)) => out.push(Change::CreateIndex(CreateIndex(d.clone()))),
        (Some(c), Some(d)) => {
            let same = Index {
                comment: None,
                ..c.clone()
            } == Index {
                comment: None,
                ..d.clone()
            };
            if !same {
                out.push(Change::DropIndex(DropIndex(c.clone())));
                out.push(Change::CreateIndex(CreateIndex(d.clone())));
            } else {
                comment_change(
                    out,
                    CommentTarget::Index {
                        name: d.name.clone(),
                    },
                    &c.comment,
                    &d.comment,
                );
            }
        }
        (None, None) => {}
    });
}

/// Views: created, dropped, replaced in place (`CREATE OR REPLACE` when the column list only
/// grows at the end), or dropped and recreated. A view is also recreated, unchanged, when a
/// relation it reads is disturbed underneath it (a column type change or drop, or a view it
/// reads being recreated): PostgreSQL refuses those changes while the view exists. Indexes
/// of a recreated materialized view are recreated with it.
fn diff_views(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let mut disturbed: BTreeSet<QualifiedName> = out
        .iter()
        .filter_map(|c| match c {
            Change::AlterColumn(AlterColumn { table, from, to })
                if from.data_type != to.data_type || from.collation != to.collation =>
            {
                Some(table.clone())
            }
            Change::DropColumn(DropColumn { table, .. }) => Some(table.clone()),
            Change::DropTable(DropTable(t)) => Some(t.name.clone()),
            _ => None,
        })
        .collect();
    // A view calling a function that is dropped and created goes first and comes back.
    let functions = recreated_functions(current, desired);
    let replaceable = |c: &View, d: &View| {
        !c.materialized && !d.materialized && d.columns.starts_with(&c.columns)
    };
    let mut recreate: BTreeSet<QualifiedName> = BTreeSet::new();
    loop {
        let mut grew = false;
        for (name, c) in &current.views {
            let Some(d) = desired.views.get(name) else {
                disturbed.insert(name.clone());
                continue;
            };
            if recreate.contains(name) {
                continue;
            }
            let redefined = !c.same_definition(d) && !replaceable(c, d);
            let underneath = c.depends_on.iter().any(|r| disturbed.contains(r))
                || c.query.refs.iter().any(|r| functions.contains(r));
            if redefined || underneath {
                recreate.insert(name.clone());
                disturbed.insert(name.clone());
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    pair_up(&current.views, &desired.views, |c, d| match (c, d) {
        (Some(c), None) => out.push(Change::DropView(DropView(c.clone()))),
        (None, Some(d)) => out.push(Change::CreateView(CreateView(d.clone()))),
        (Some(c), Some(d)) if recreate.contains(&d.name) => {
            out.push(Change::DropView(DropView(c.clone())));
            out.push(Change::CreateView(CreateView(d.clone())));
        }
        (Some(c), Some(d)) => {
            if !c.same_definition(d) {
                out.push(Change::ReplaceView(ReplaceView {
                    from: c.clone(),
                    to: d.clone(),
                }));
            }
            comment_change(
                out,
                CommentTarget::View {
                    name: d.name.clone(),
                    materialized: d.materialized,
                },
                &c.comment,
                &d.comment,
            );
        }
        (None, None) => {}
    });
    for (name, d) in &desired.indexes {
        let Some(c) = current.indexes.get(name) else {
            continue;
        };
        let already = out
            .iter()
            .any(|x| matches!(x, Change::CreateIndex(CreateIndex(i)) if i.name == *name));
        if recreate.contains(&d.table) && !already {
            out.push(Change::DropIndex(DropIndex(c.clone())));
            out.push(Change::CreateIndex(CreateIndex(d.clone())));
        }
    }
}

/// The names of the functions that are dropped and created again (their result or
/// parameters change), which takes what calls them down with them.
fn recreated_functions(current: &Schema, desired: &Schema) -> BTreeSet<QualifiedName> {
    current
        .functions
        .iter()
        .filter_map(|(id, c)| desired.functions.get(id).map(|d| (c, d)))
        .filter(|(c, d)| {
            (c.definition != d.definition || c.procedure != d.procedure) && !c.replaceable_by(d)
        })
        .map(|(c, _)| c.name.clone())
        .collect()
}

/// Functions (replaced in place when the signature and result allow, else dropped and
/// created) and triggers (dropped and created when changed). A trigger whose function is
/// dropped and created again is recreated with it.
fn diff_functions(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let mut recreated: BTreeSet<QualifiedName> = BTreeSet::new();
    pair_up(&current.functions, &desired.functions, |c, d| {
        match (c, d) {
            (Some(c), None) => {
                recreated.insert(c.name.clone());
                out.push(Change::DropFunction(DropFunction(c.clone())));
            }
            (None, Some(d)) => out.push(Change::CreateFunction(CreateFunction(d.clone()))),
            (Some(c), Some(d)) => {
                if c.definition != d.definition || c.procedure != d.procedure {
                    if !c.replaceable_by(d) {
                        recreated.insert(c.name.clone());
                    }
                    out.push(Change::ReplaceFunction(ReplaceFunction {
                        from: c.clone(),
                        to: d.clone(),
                    }));
                }
                comment_change(
                    out,
                    CommentTarget::Function {
                        id: d.id.clone(),
                        procedure: d.procedure,
                    },
                    &c.comment,
                    &d.comment,
                );
            }
            (None, None) => {}
        }
    });
    release_recreated_functions(current, desired, &recreated, out);
    pair_up(&current.policies, &desired.policies, |c, d| match (c, d) {
        (Some(c), None) => out.push(Change::DropPolicy(DropPolicy(c.clone()))),
        (None, Some(d)) => out.push(Change::CreatePolicy(CreatePolicy(d.clone()))),
        (Some(c), Some(d)) => {
            let strip = |p: &Policy| Policy {
                comment: None,
                ..p.clone()
            };
            // A policy calling a function that is dropped and created goes with it too.
            let calls = c
                .using
                .iter()
                .chain(c.with_check.iter())
                .any(|e| e.refs.iter().any(|r| recreated.contains(r)));
            if strip(c) != strip(d) || calls {
                out.push(Change::DropPolicy(DropPolicy(c.clone())));
                out.push(Change::CreatePolicy(CreatePolicy(d.clone())));
            } else {
                comment_change(
                    out,
                    CommentTarget::Policy {
                        table: d.table.clone(),
                        name: d.name.clone(),
                    },
                    &c.comment,
                    &d.comment,
                );
            }
        }
        (None, None) => {}
    });
    pair_up(&current.triggers, &desired.triggers, |c, d| match (c, d) {
        (Some(c), None) => out.push(Change::DropTrigger(DropTrigger(c.clone()))),
        (None, Some(d)) => out.push(Change::CreateTrigger(CreateTrigger(d.clone()))),
        (Some(c), Some(d)) => {
            if c.definition != d.definition || recreated.contains(&c.function) {
                out.push(Change::DropTrigger(DropTrigger(c.clone())));
                out.push(Change::CreateTrigger(CreateTrigger(d.clone())));
            } else {
                comment_change(
                    out,
                    CommentTarget::Trigger {
                        table: d.table.clone(),
                        name: d.name.clone(),
                    },
                    &c.comment,
                    &d.comment,
                );
            }
        }
        (None, None) => {}
    });
}

/// Aggregates and operators: created, dropped, and dropped and created when their definition
/// changes or a function they use is dropped and created.
fn diff_aggregates_operators(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let recreated: BTreeSet<QualifiedName> = out
        .iter()
        .filter_map(|c| match c {
            Change::DropFunction(DropFunction(f)) => Some(f.name.clone()),
            Change::ReplaceFunction(ReplaceFunction { from, to }) if !from.replaceable_by(to) => {
                Some(from.name.clone())
            }
            _ => None,
        })
        .collect();
    let uses_recreated = |e: &Expr| e.refs.iter().any(|r| recreated.contains(r));
    diff_by_definition(
        &current.aggregates,
        &desired.aggregates,
        |x| &x.comment,
        |x, y| x.definition != y.definition || uses_recreated(&x.definition),
        (|x| DropAggregate(x).into(), |x| CreateAggregate(x).into()),
        |x| CommentTarget::Aggregate { id: x.id.clone() },
        out,
    );
    diff_by_definition(
        &current.operators,
        &desired.operators,
        |x| &x.comment,
        |x, y| x.definition != y.definition || uses_recreated(&x.definition),
        (|x| DropOperator(x).into(), |x| CreateOperator(x).into()),
        |x| CommentTarget::Operator { id: x.id.clone() },
        out,
    );
}

/// The drop and the create change of one object kind.
type DropCreate<T> = (fn(T) -> Change, fn(T) -> Change);

/// Objects that only change by drop + create (aggregates, operators): `changed` decides,
/// otherwise only the comment is compared.
fn diff_by_definition<T: Clone>(
    current: &BTreeMap<QualifiedName, T>,
    desired: &BTreeMap<QualifiedName, T>,
    comment: impl Fn(&T) -> &Option<String>,
    changed: impl Fn(&T, &T) -> bool,
    (drop, create): DropCreate<T>,
    target: impl Fn(&T) -> CommentTarget,
    out: &mut Vec<Change>,
) {
    pair_up(current, desired, |c, d| match (c, d) {
        (Some(c), None) => out.push(drop(c.clone())),
        (None, Some(d)) => out.push(create(d.clone())),
        (Some(c), Some(d)) if changed(c, d) => {
            out.push(drop(c.clone()));
            out.push(create(d.clone()));
        }
        (Some(c), Some(d)) => comment_change(out, target(d), comment(c), comment(d)),
        (None, None) => {}
    });
}

/// Domains and composite types. A domain whose base type changes, or a composite type
/// whose attribute changes cannot be done in place, is dropped and created.
fn diff_domains(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    pair_up(&current.domains, &desired.domains, |c, d| match (c, d) {
        (Some(c), None) => out.push(Change::DropDomain(DropDomain(c.clone()))),
        (None, Some(d)) => out.push(Change::CreateDomain(CreateDomain(d.clone()))),
        (Some(c), Some(d)) => {
            let strip = |x: &Domain| Domain {
                comment: None,
                ..x.clone()
            };
            if strip(c) != strip(d) {
                if c.data_type != d.data_type || c.collation != d.collation {
                    out.push(Change::DropDomain(DropDomain(c.clone())));
                    out.push(Change::CreateDomain(CreateDomain(d.clone())));
                    return;
                }
                out.push(Change::AlterDomain(AlterDomain {
                    from: strip(c),
                    to: strip(d),
                }));
            }
            comment_change(
                out,
                CommentTarget::Domain {
                    name: d.name.clone(),
                },
                &c.comment,
                &d.comment,
            );
        }
        (None, None) => {}
    });
    pair_up(&current.composites, &desired.composites, |c, d| {
        match (c, d) {
            (Some(c), None) => out.push(Change::DropComposite(DropComposite(c.clone()))),
            (None, Some(d)) => out.push(Change::CreateComposite(CreateComposite(d.clone()))),
            (Some(c), Some(d)) => {
                if c.attributes != d.attributes {
                    out.push(Change::AlterComposite(AlterComposite {
                        from: CompositeType {
                            comment: None,
                            ..c.clone()
                        },
                        to: CompositeType {
                            comment: None,
                            ..d.clone()
                        },
                    }));
                }
                comment_change(
                    out,
                    CommentTarget::Type {
                        name: d.name.clone(),
                    },
                    &c.comment,
                    &d.comment,
                );
            }
            (None, None) => {}
        }
    });
}

/// A column default that changes along with its enum's values is set by the enum change
/// (see [`EnumUsage::default_after`]), not by the column's own change, which would run on the
/// wrong side of the rebuild in one direction or the other.
fn leave_enum_defaults_to_rebuilds(out: &mut Vec<Change>) {
    let moved: Vec<(QualifiedName, String)> = out
        .iter()
        .filter_map(|c| match c {
            Change::AlterEnum(AlterEnum { usages, .. }) => Some(usages),
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
        Change::AlterColumn(AlterColumn { table, from, to })
            if moved.contains(&(table.clone(), from.name.clone())) =>
        {
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
        if let Change::AlterEnum(AlterEnum { usages, .. }) = c {
            for u in usages {
                retyped.entry(&u.table).or_default().push(&u.column.name);
            }
        }
        if let Change::AlterColumn(AlterColumn { table, from, to }) = c {
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
            .is_some_and(|r| r.iter().any(|c| e.mentions(c)))
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
        let refresh = expressions.into_iter().any(|e| names(&i.table, e));
        let gone = out
            .iter()
            .any(|c| matches!(c, Change::DropIndex(DropIndex(d)) if d.name == i.name));
        if !refresh || gone {
            continue;
        }
        extra.push(Change::DropIndex(DropIndex(i.clone())));
        if let Some(d) = desired.indexes.get(&i.name) {
            extra.push(Change::CreateIndex(CreateIndex(d.clone())));
        }
    }
    out.extend(extra);
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
    extra.push(Change::DropConstraint(DropConstraint {
        table: table.clone(),
        constraint: k.clone(),
    }));
    if let Some(d) = desired
        .tables
        .get(table)
        .and_then(|d| d.constraints.get(&k.name))
    {
        extra.push(Change::AddConstraint(AddConstraint {
            table: table.clone(),
            constraint: d.clone(),
        }));
    }
}

/// A primary key or unique constraint that is dropped (to be renamed or redefined) takes the
/// foreign keys that rely on it along: PostgreSQL refuses to drop it otherwise. Those
/// foreign keys are dropped first and, if still desired, added back once the key is.
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
                    _ => None,
                }
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

/// Column defaults and CHECKs that call a function being dropped and created are taken off
/// before and put back after: PostgreSQL refuses to drop a function they depend on.
fn release_recreated_functions(
    current: &Schema,
    desired: &Schema,
    recreated: &BTreeSet<QualifiedName>,
    out: &mut Vec<Change>,
) {
    if recreated.is_empty() {
        return;
    }
    let calls = |e: &Option<Expr>| {
        e.as_ref()
            .is_some_and(|e| e.refs.iter().any(|r| recreated.contains(r)))
    };
    let mut extra = Vec::new();
    for c in current.tables.values() {
        let Some(d) = desired.tables.get(&c.name) else {
            continue;
        };
        for ccol in &c.columns {
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
            extra.push(Change::AlterColumn(AlterColumn {
                table: c.name.clone(),
                from: Column {
                    comment: None,
                    renamed_from: None,
                    ..ccol.clone()
                },
                to: bare.clone(),
            }));
            extra.push(Change::AlterColumn(AlterColumn {
                table: c.name.clone(),
                from: bare,
                to: Column {
                    comment: None,
                    renamed_from: None,
                    ..dcol.clone()
                },
            }));
        }
        for (name, k) in &c.constraints {
            let ConstraintKind::Check { expr, .. } = &k.kind else {
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
            extra.push(Change::DropConstraint(DropConstraint {
                table: c.name.clone(),
                constraint: k.clone(),
            }));
            extra.push(Change::AddConstraint(AddConstraint {
                table: c.name.clone(),
                constraint: dk.clone(),
            }));
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
            extra.push(Change::DropIndex(DropIndex(ci.clone())));
            extra.push(Change::CreateIndex(CreateIndex(di.clone())));
        }
    }
    out.extend(extra);
}

/// Privileges: entries added and removed. Privileges follow renames (the current entries
/// are read under the new names), go with an object that is dropped (an entry is undone
/// before the drop, so the down file can restore it) and are put back on an object dropped
/// and created again (a table, view, function or column).
fn diff_privileges(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    if current.privileges.is_empty() && desired.privileges.is_empty() {
        return;
    }
    let mut tables: BTreeMap<QualifiedName, QualifiedName> = BTreeMap::new();
    let mut columns: BTreeMap<(QualifiedName, String), String> = BTreeMap::new();
    let mut dropped: BTreeSet<PrivilegeObject> = BTreeSet::new();
    let mut created: BTreeSet<PrivilegeObject> = BTreeSet::new();
    let relation = |name: &QualifiedName| PrivilegeObject::Relation { name: name.clone() };
    let column = |table: &QualifiedName, column: &str| PrivilegeObject::Column {
        table: table.clone(),
        column: column.to_string(),
    };
    let function = |f: &Function| PrivilegeObject::Function {
        id: f.id.clone(),
        procedure: f.procedure,
    };
    for c in out.iter() {
        match c {
            Change::RenameTable(RenameTable { from, to }) => {
                tables.insert(from.clone(), to.clone());
            }
            Change::RenameColumn(RenameColumn { table, from, to }) => {
                columns.insert((table.clone(), from.clone()), to.clone());
            }
            Change::DropTable(DropTable(t)) | Change::CreateTable(CreateTable(t)) => {
                let set = if matches!(c, Change::DropTable(DropTable(_))) {
                    &mut dropped
                } else {
                    &mut created
                };
                set.insert(relation(&t.name));
                set.extend(t.columns.iter().map(|col| column(&t.name, &col.name)));
            }
            Change::DropView(DropView(v)) => {
                dropped.insert(relation(&v.name));
            }
            Change::CreateView(CreateView(v)) => {
                created.insert(relation(&v.name));
            }
            Change::DropColumn(DropColumn { table, column: col }) => {
                dropped.insert(column(table, &col.name));
            }
            Change::AddColumn(AddColumn { table, column: col }) => {
                created.insert(column(table, &col.name));
            }
            Change::DropFunction(DropFunction(f)) => {
                dropped.insert(function(f));
            }
            Change::CreateFunction(CreateFunction(f)) => {
                created.insert(function(f));
            }
            Change::DropSequence(DropSequence(q)) => {
                dropped.insert(PrivilegeObject::Sequence {
                    name: q.name.clone(),
                });
            }
            Change::CreateSequence(CreateSequence(q)) => {
                created.insert(PrivilegeObject::Sequence {
                    name: q.name.clone(),
                });
            }
            Change::DropSchema(DropSchema(n)) => {
                dropped.insert(PrivilegeObject::Schema {
                    name: n.name.clone(),
                });
            }
            Change::CreateSchema(CreateSchema(n)) => {
                created.insert(PrivilegeObject::Schema {
                    name: n.name.clone(),
                });
            }
            Change::ReplaceFunction(ReplaceFunction { from, to }) if !from.replaceable_by(to) => {
                dropped.insert(function(from));
                created.insert(function(to));
            }
            _ => {}
        }
    }
    let renamed = |o: &PrivilegeObject| -> PrivilegeObject {
        match o {
            PrivilegeObject::Relation { name } => relation(tables.get(name).unwrap_or(name)),
            PrivilegeObject::Column { table, column: col } => {
                let table = tables.get(table).unwrap_or(table);
                let col = columns.get(&(table.clone(), col.clone())).unwrap_or(col);
                column(table, col)
            }
            other => other.clone(),
        }
    };
    // Current entries under the new names; `before` keeps the old names, for the entries
    // undone before a drop (which runs before the rename).
    let mut now: BTreeMap<PrivilegeKey, Privilege> = BTreeMap::new();
    let mut before: BTreeMap<PrivilegeKey, Privilege> = BTreeMap::new();
    for p in current.privileges.values() {
        let renamed = Privilege {
            object: renamed(&p.object),
            ..p.clone()
        };
        before.insert(renamed.key(), p.clone());
        now.insert(renamed.key(), renamed);
    }
    let recreated = |o: &PrivilegeObject| dropped.contains(o) && created.contains(o);
    let mut removes = Vec::new();
    let mut adds = Vec::new();
    pair_up(&now, &desired.privileges, |c, d| {
        let object = c.or(d).map(|p| &p.object);
        let again = object.is_some_and(recreated);
        match (c, d) {
            (Some(c), Some(d)) if c == d && !again => {}
            _ => {
                if let Some(c) = c {
                    let before_drop = again || d.is_none() && dropped.contains(&c.object);
                    let privilege = match before.get(&c.key()) {
                        Some(old) if before_drop => old.clone(),
                        _ => c.clone(),
                    };
                    removes.push(Change::RemovePrivilege(RemovePrivilege {
                        privilege,
                        before_drop,
                    }));
                }
                if let Some(d) = d {
                    adds.push(Change::AddPrivilege(AddPrivilege(d.clone())));
                }
            }
        }
    });
    out.extend(removes);
    out.extend(adds);
}
