//! Hazards: what a change risks on a production database, from a documented list.
//!
//! Every statement migrator writes carries its change's hazards as `-- hazard:` comments,
//! and `deletes_data` marks a change as destructive. Hazards depend on the current schema
//! (an index on a new table is cheap; on an existing one it is a long build), so they are
//! computed from the change and the state it applies to: each change kind states its own
//! beside its type (in [`crate::kinds`]), and [`hazards`] asks it.

use crate::change::Change;
use crate::schema::Schema;
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

/// The hazards of `change` applied to `current`, each kind judging its own (see
/// [`crate::change::ChangeKind::hazards`]).
pub fn hazards(change: &Change, current: &Schema) -> Vec<Hazard> {
    change.hazards(current)
}

/// True when the change deletes data: the destructive gate's question.
pub fn is_destructive(change: &Change, current: &Schema) -> bool {
    hazards(change, current).contains(&Hazard::DeletesData)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::{AddColumn, DropColumn};
    use crate::schema::{Column, QualifiedName, Table};

    fn column(name: &str, not_null: bool) -> Column {
        Column {
            not_null,
            ..Column::new(name, "integer")
        }
    }

    #[test]
    fn dropping_a_column_is_destructive() {
        let t = QualifiedName::new("public", "t");
        let mut current = Schema::default();
        current.tables.insert(t.clone(), Table::new(t.clone()));
        let drop = Change::from(DropColumn {
            table: t,
            column: Box::new(column("x", false)),
        });
        assert!(is_destructive(&drop, &current));
        assert!(hazards(&drop, &current).contains(&Hazard::IrreversibleDown));
    }

    #[test]
    fn a_not_null_column_without_default_on_an_existing_table_may_fail() {
        let t = QualifiedName::new("public", "t");
        let mut current = Schema::default();
        current.tables.insert(t.clone(), Table::new(t.clone()));
        let add = Change::from(AddColumn {
            table: t.clone(),
            column: Box::new(column("x", true)),
        });
        assert!(hazards(&add, &current).contains(&Hazard::MayFailOnExistingData));
        // On a table created in the same migration there is nothing to fail on.
        assert!(hazards(&add, &Schema::default()).is_empty());
    }
}
