//! `verify --with-data`: which rows a migration step must keep, and the comparison that
//! proves it kept them.
//!
//! The dialect seeds the scratch database and reads its rows back
//! ([`Dialect::seed`](crate::dialect::Dialect::seed),
//! [`Dialect::read_rows`](crate::dialect::Dialect::read_rows)): it knows the types, and core
//! does no I/O. This module decides the rest, on plain data:
//! - what a step may lose: the tables and columns its own changes declare deleted, i.e. the
//!   changes of the diff from the schema before the step to the schema after it whose
//!   hazards include [`Hazard::DeletesData`], each excusing what it removes;
//! - whether the rows read after the step are those read before it. Tables and columns are
//!   matched by the database's own identity first (a table's OID, a column's number), so a
//!   rename is followed as PostgreSQL follows it, then by name (an object dropped and
//!   created again). Values compare as text, so a retype that keeps the text (`integer` to
//!   `bigint`, `varchar(10)` to `varchar(50)`) keeps the value; a retype that changes it is
//!   the loss migrator's down files declare ("values that do not survive the cast").

use crate::change::{Change, ObjRef};
use crate::hazard::Hazard;
use crate::kinds::AlterEnum;
use crate::kinds::ObjectKind;
use crate::schema::{QualifiedName, Schema};
use std::collections::{BTreeMap, BTreeSet};

/// One table's rows as the database holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRows {
    /// The database's identity of the table (PostgreSQL: its OID), which a rename keeps.
    pub id: u32,
    pub name: QualifiedName,
    pub columns: Vec<ColumnInfo>,
    /// Every row, one text value (or NULL) per column of `columns`.
    pub rows: Vec<Vec<Option<String>>>,
}

/// A column of a [`TableRows`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnInfo {
    /// The database's identity of the column in its table (PostgreSQL: `attnum`), which a
    /// rename and a retype keep.
    pub id: i32,
    pub name: String,
    /// The type as the database prints it.
    pub data_type: String,
}

/// What seeding did to one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeded {
    pub table: QualifiedName,
    /// The rows inserted.
    pub rows: usize,
    /// Why rows could not be inserted (the database's message), when some could not.
    pub failure: Option<String>,
}

/// The tables and columns a step declares it deletes, each with the change that does.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Declared {
    pub tables: BTreeMap<QualifiedName, String>,
    pub columns: BTreeMap<(QualifiedName, String), String>,
    /// Columns of an enum whose labels the step changes (a value renamed, or removed with
    /// the type rebuilt): their values may change with the labels.
    pub relabelled: BTreeMap<(QualifiedName, String), String>,
}

/// The losses declared by the changes from `before` to `after`: what each change whose
/// hazards include [`Hazard::DeletesData`] removes, when it holds rows (a table, a column,
/// every table of a schema).
pub fn declared_losses(before: &Schema, after: &Schema) -> Declared {
    let mut out = Declared::default();
    for change in crate::diff::diff(before, after) {
        if let Change::AlterEnum(e) = &change {
            relabelled(e, before, &mut out.relabelled);
        }
        if !change.hazards(before).contains(&Hazard::DeletesData) {
            continue;
        }
        let label = change.label();
        for removed in change.deps().removes {
            for loss in rows_removed(removed, before) {
                match loss {
                    Loss::Table(t) => out.tables.insert(t, label.clone()),
                    Loss::Column(t, c) => {
                        // A column dropped from a parent is dropped from its inheritors.
                        for heir in heirs(&t, before) {
                            out.columns.insert((heir, c.clone()), label.clone());
                        }
                        out.columns.insert((t, c), label.clone())
                    }
                };
            }
        }
    }
    out
}

/// The tables that inherit from `table`, directly or through others.
fn heirs(table: &QualifiedName, schema: &Schema) -> Vec<QualifiedName> {
    let mut out: Vec<QualifiedName> = Vec::new();
    let mut parents = vec![table.clone()];
    while let Some(p) = parents.pop() {
        for t in schema.tables.values().filter(|t| t.inherits.contains(&p)) {
            if !out.contains(&t.name) {
                out.push(t.name.clone());
                parents.push(t.name.clone());
            }
        }
    }
    out
}

/// The columns of `before` typed with the enum `e`, when `e` loses labels.
fn relabelled(e: &AlterEnum, before: &Schema, out: &mut BTreeMap<(QualifiedName, String), String>) {
    if e.from.values.iter().all(|v| e.to.values.contains(v)) {
        return;
    }
    for t in before.tables.values() {
        for c in t
            .columns
            .iter()
            .filter(|c| c.type_ref.as_ref() == Some(&e.from.name))
        {
            out.insert(
                (t.name.clone(), c.name.clone()),
                Change::from(e.clone()).label(),
            );
        }
    }
}

/// What holds rows among the objects of a removal.
enum Loss {
    Table(QualifiedName),
    Column(QualifiedName, String),
}

/// The tables and columns `removed` takes with it: a table, a column, or every table of a
/// schema; the other objects hold no rows.
fn rows_removed(removed: ObjRef, before: &Schema) -> Vec<Loss> {
    use ObjectKind as K;
    let table = |name: QualifiedName| {
        before
            .tables
            .contains_key(&name)
            .then_some(Loss::Table(name))
    };
    match removed {
        ObjRef::Name(name) => table(name).into_iter().collect(),
        ObjRef::Id(id) => match &id.kind {
            K::Relation => table(QualifiedName::new(id.schema, id.name))
                .into_iter()
                .collect(),
            K::Column => id
                .parent
                .map(|t| Loss::Column(QualifiedName::new(id.schema, t), id.name))
                .into_iter()
                .collect(),
            K::Schema => before
                .tables
                .keys()
                .filter(|t| t.schema == id.name)
                .map(|t| Loss::Table(t.clone()))
                .collect(),
            K::Extension
            | K::Collation
            | K::Statistics
            | K::Publication
            | K::ForeignDataWrapper
            | K::ForeignServer
            | K::UserMapping
            | K::Type
            | K::ShellType
            | K::Sequence
            | K::Index
            | K::Function
            | K::Aggregate
            | K::Operator
            | K::Trigger
            | K::Policy
            | K::Rule
            | K::Constraint
            | K::Dialect(_) => Vec::new(),
        },
        ObjRef::Key(_)
        | ObjRef::PrimaryKey(_)
        | ObjRef::Routine(_)
        | ObjRef::Columns(_)
        | ObjRef::Inheritors(_) => Vec::new(),
    }
}

impl Declared {
    /// Both declarations: a down must keep what neither its up nor itself deletes.
    pub fn union(mut self, other: Declared) -> Declared {
        self.tables.extend(other.tables);
        self.columns.extend(other.columns);
        self.relabelled.extend(other.relabelled);
        self
    }
}

/// How one table came through a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The table before the step.
    pub table: QualifiedName,
    /// Its name after the step, when a rename was followed.
    pub renamed_to: Option<QualifiedName>,
    pub rows_before: usize,
    pub rows_kept: usize,
    /// Losses the step declares (`column legacy (drop_accounts_legacy)`).
    pub declared: Vec<String>,
    /// Losses it does not declare: verify fails on any.
    pub undeclared: Vec<String>,
}

/// Compares the rows read before a step with those read after it, excusing `declared`.
/// Only tables that held rows before are compared.
pub fn compare(before: &[TableRows], after: &[TableRows], declared: &Declared) -> Vec<Outcome> {
    before
        .iter()
        .filter(|b| !b.rows.is_empty())
        .map(|b| {
            // By name only, the table was dropped and created again: what its drop
            // declares is lost, as when it is gone.
            let found = after.iter().find(|a| a.id == b.id).or_else(|| {
                after
                    .iter()
                    .find(|a| a.name == b.name && !declared.tables.contains_key(&b.name))
            });
            match found {
                Some(a) => compare_table(b, a, declared),
                None => gone(b, declared),
            }
        })
        .collect()
}

/// A table that no longer exists.
fn gone(b: &TableRows, declared: &Declared) -> Outcome {
    let mut o = Outcome {
        table: b.name.clone(),
        renamed_to: None,
        rows_before: b.rows.len(),
        rows_kept: 0,
        declared: Vec::new(),
        undeclared: Vec::new(),
    };
    match declared.tables.get(&b.name) {
        Some(change) => o.declared.push(format!("the table's rows ({change})")),
        None => o.undeclared.push(format!(
            "table {} is gone with its {} rows, and no change of the step declares deleting it",
            b.name,
            b.rows.len()
        )),
    }
    o
}

fn compare_table(b: &TableRows, a: &TableRows, declared: &Declared) -> Outcome {
    let mut o = Outcome {
        table: b.name.clone(),
        renamed_to: (a.name != b.name).then(|| a.name.clone()),
        rows_before: b.rows.len(),
        rows_kept: 0,
        declared: Vec::new(),
        undeclared: Vec::new(),
    };
    // Column pairs (index before, index after), and the retyped ones among them.
    let mut pairs = Vec::new();
    for (bi, bc) in b.columns.iter().enumerate() {
        // By name only, the column was dropped and added again (a down file restoring a
        // dropped column): what its drop declares is lost, as when it is gone.
        let lost = declared
            .columns
            .contains_key(&(b.name.clone(), bc.name.clone()));
        let ai = a
            .columns
            .iter()
            .position(|ac| a.id == b.id && ac.id == bc.id)
            .or_else(|| {
                a.columns
                    .iter()
                    .position(|ac| ac.name == bc.name)
                    .filter(|_| !lost)
            });
        match ai {
            Some(ai) => pairs.push((bi, ai)),
            None => match declared.columns.get(&(b.name.clone(), bc.name.clone())) {
                Some(change) => o
                    .declared
                    .push(format!("the values of column {} ({change})", bc.name)),
                None => o.undeclared.push(format!(
                    "column {}.{} is gone, and no change of the step declares deleting it",
                    b.name, bc.name
                )),
            },
        }
    }
    let project = |rows: &[Vec<Option<String>>], side: fn(&(usize, usize)) -> usize| {
        let mut out: Vec<Vec<Option<String>>> = rows
            .iter()
            .map(|r| pairs.iter().map(|p| r[side(p)].clone()).collect())
            .collect();
        out.sort();
        out
    };
    let before_rows = project(&b.rows, |p| p.0);
    let after_rows = project(&a.rows, |p| p.1);
    let missing = multiset_minus(&before_rows, &after_rows);
    o.rows_kept = before_rows.len() - missing.len();
    if missing.is_empty() {
        return o;
    }
    if a.rows.len() < b.rows.len() {
        o.undeclared.push(format!(
            "table {}: {} of its {} rows are gone",
            b.name,
            b.rows.len() - a.rows.len(),
            b.rows.len()
        ));
        return o;
    }
    // As many rows: name the columns whose values changed.
    let mut named = false;
    for (k, (bi, ai)) in pairs.iter().enumerate() {
        let column = |rows: &[Vec<Option<String>>]| {
            let mut v: Vec<Vec<Option<String>>> = rows.iter().map(|r| vec![r[k].clone()]).collect();
            v.sort();
            v
        };
        if multiset_minus(&column(&before_rows), &column(&after_rows)).is_empty() {
            continue;
        }
        named = true;
        let (bc, ac) = (&b.columns[*bi], &a.columns[*ai]);
        if let Some(change) = declared.relabelled.get(&(b.name.clone(), bc.name.clone())) {
            o.declared.push(format!(
                "values of column {} follow the labels of its type ({change})",
                bc.name
            ));
        } else if bc.data_type != ac.data_type {
            o.declared.push(format!(
                "values of column {} that did not survive the cast from {} to {}",
                bc.name, bc.data_type, ac.data_type
            ));
        } else {
            o.undeclared.push(format!(
                "table {}: values of column {} changed, and no change of the step declares it",
                b.name, bc.name
            ));
        }
    }
    if !named {
        o.undeclared.push(format!(
            "table {}: rows changed (values moved between rows)",
            b.name
        ));
    }
    if o.undeclared.is_empty() {
        o.rows_kept = b.rows.len();
    }
    o
}

/// The rows of sorted `a` that sorted `b` lacks, counting repeats.
fn multiset_minus(
    a: &[Vec<Option<String>>],
    b: &[Vec<Option<String>>],
) -> Vec<Vec<Option<String>>> {
    let mut counts: BTreeMap<&Vec<Option<String>>, usize> = BTreeMap::new();
    for r in b {
        *counts.entry(r).or_default() += 1;
    }
    let mut out = Vec::new();
    for r in a {
        match counts.get_mut(r).filter(|n| **n > 0) {
            Some(n) => *n -= 1,
            None => out.push(r.clone()),
        }
    }
    out
}

/// The tables of `schema`, for the dialect to seed.
pub fn tables(schema: &Schema) -> BTreeSet<QualifiedName> {
    schema.tables.keys().cloned().collect()
}

#[cfg(test)]
mod tests;
