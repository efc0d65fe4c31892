//! Hazards: what a change risks on a production database, from a documented list.
//!
//! Every statement migrator writes carries its change's hazards as `-- hazard:` comments,
//! and `deletes_data` marks a change as destructive. Hazards depend on the current schema
//! (an index on a new table is cheap; on an existing one it is a long build), so they are
//! computed here, beside the diff, from the change and the state it applies to.

use crate::change::Change;
use crate::schema::{ConstraintKind, Schema};
use serde::Serialize;
use std::fmt;

/// One kind of risk. See `docs/SAFETY.md` for the list with examples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hazard {
    /// Rows or values are deleted for good (drop table, column, schema; enum value removal).
    DeletesData,
    /// The whole table is rewritten (a column type change).
    RewritesTable,
    /// An `ACCESS EXCLUSIVE` lock on an existing table: reads and writes wait.
    AccessExclusiveLock,
    /// Fails if existing rows violate it (NOT NULL, UNIQUE, CHECK, FK, a cast).
    MayFailOnExistingData,
    /// The down migration cannot bring back what the up migration deleted.
    IrreversibleDown,
    /// An index build on an existing table: writes wait until it is done.
    LongIndexBuild,
}

impl Hazard {
    pub fn name(self) -> &'static str {
        match self {
            Hazard::DeletesData => "deletes_data",
            Hazard::RewritesTable => "rewrites_table",
            Hazard::AccessExclusiveLock => "access_exclusive_lock",
            Hazard::MayFailOnExistingData => "may_fail_on_existing_data",
            Hazard::IrreversibleDown => "irreversible_down",
            Hazard::LongIndexBuild => "long_index_build",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Hazard::DeletesData => "deletes data for good",
            Hazard::RewritesTable => "rewrites the whole table",
            Hazard::AccessExclusiveLock => "takes an ACCESS EXCLUSIVE lock on an existing table",
            Hazard::MayFailOnExistingData => "fails if existing rows do not satisfy it",
            Hazard::IrreversibleDown => "the down migration cannot restore the deleted data",
            Hazard::LongIndexBuild => "builds an index on an existing table, blocking writes",
        }
    }
}

impl fmt::Display for Hazard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name(), self.describe())
    }
}

/// The hazards of `change` applied to `current`.
pub fn hazards(change: &Change, current: &Schema) -> Vec<Hazard> {
    use Hazard::*;
    let existing = |t: &crate::schema::QualifiedName| current.tables.contains_key(t);
    let mut out = match change {
        Change::DropTable(_) | Change::DropSchema(_) | Change::DropColumn { .. } => {
            vec![DeletesData, IrreversibleDown, AccessExclusiveLock]
        }
        Change::DropSequence(_) => vec![DeletesData, IrreversibleDown],
        Change::AlterColumn { table, from, to } if existing(table) => {
            let mut h = vec![AccessExclusiveLock];
            if from.data_type != to.data_type || from.collation != to.collation {
                h.extend([RewritesTable, MayFailOnExistingData]);
            }
            if to.not_null && !from.not_null {
                h.push(MayFailOnExistingData);
            }
            h
        }
        Change::AlterEnum { from, to, usages } => {
            let removed = from.values.iter().any(|v| !to.values.contains(v));
            if removed {
                let mut h = vec![MayFailOnExistingData, IrreversibleDown];
                if !usages.is_empty() {
                    h.extend([RewritesTable, AccessExclusiveLock]);
                }
                h
            } else {
                vec![]
            }
        }
        Change::AddColumn { table, column } if existing(table) => {
            let mut h = vec![AccessExclusiveLock];
            if column.not_null && column.default.is_none() && column.identity.is_none() {
                h.push(MayFailOnExistingData);
            }
            if column.generated.is_some() || column.identity.is_some() {
                h.push(RewritesTable);
            }
            h
        }
        Change::AddConstraint { table, constraint } if existing(table) => {
            let mut h = vec![MayFailOnExistingData];
            if !matches!(constraint.kind, ConstraintKind::ForeignKey { .. }) {
                h.push(AccessExclusiveLock);
            }
            h
        }
        Change::CreateIndex(i) if existing(&i.table) => vec![LongIndexBuild],
        Change::RenameTable { .. } | Change::RenameColumn { .. } => vec![AccessExclusiveLock],
        Change::SetPartition { table, .. } if existing(table) => vec![AccessExclusiveLock],
        _ => vec![],
    };
    out.sort();
    out.dedup();
    out
}

/// True when the change deletes data: the destructive gate's question.
pub fn is_destructive(change: &Change, current: &Schema) -> bool {
    hazards(change, current).contains(&Hazard::DeletesData)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Column, QualifiedName, Table};

    fn column(name: &str, not_null: bool) -> Column {
        Column {
            name: name.into(),
            data_type: "integer".into(),
            type_ref: None,
            not_null,
            default: None,
            identity: None,
            generated: None,
            collation: None,
            comment: None,
            renamed_from: None,
            storage: None,
            inherited: false,
        }
    }

    #[test]
    fn dropping_a_column_is_destructive() {
        let t = QualifiedName::new("public", "t");
        let mut current = Schema::default();
        current.tables.insert(t.clone(), Table::new(t.clone()));
        let drop = Change::DropColumn {
            table: t,
            column: column("x", false),
        };
        assert!(is_destructive(&drop, &current));
        assert!(hazards(&drop, &current).contains(&Hazard::IrreversibleDown));
    }

    #[test]
    fn a_not_null_column_without_default_on_an_existing_table_may_fail() {
        let t = QualifiedName::new("public", "t");
        let mut current = Schema::default();
        current.tables.insert(t.clone(), Table::new(t.clone()));
        let add = Change::AddColumn {
            table: t.clone(),
            column: column("x", true),
        };
        assert!(hazards(&add, &current).contains(&Hazard::MayFailOnExistingData));
        // On a table created in the same migration there is nothing to fail on.
        assert!(hazards(&add, &Schema::default()).is_empty());
    }
}
