//! Foreign tables (`CREATE FOREIGN TABLE … SERVER s OPTIONS (…)`): tables whose rows a
//! foreign server holds. They are tables in the IR ([`Table::foreign`]), so their columns,
//! defaults, NOT NULL, CHECKs, comments, grants and renames go through the table kind as a
//! plain table's do; PostgreSQL accepts `ALTER TABLE` on them. What is theirs alone lives
//! here: the server and the table's options (`ALTER FOREIGN TABLE … OPTIONS`), each
//! column's options being part of the column. A table that moves to another server, or
//! becomes foreign or plain, is dropped and created again (there is no `ALTER` for it).

use crate::change::{relation_setting, Change};
use crate::hazard::Hazard;
use crate::kinds::foreign_data::{server_recreated, FdwOptions};
use crate::kinds::table::Table;
use crate::schema::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};

/// What makes a table foreign: its server and its options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignTable {
    pub server: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: FdwOptions,
}

relation_setting! {
    /// `ALTER FOREIGN TABLE … OPTIONS (ADD | SET | DROP …)`.
    SetForeignTableOptions { table: FdwOptions } = "set_foreign_table_options",
    rank 30, label "options", hazards vec![],
}

/// Whether `table` is a foreign table of `schema`: its rows are on its server, so what
/// rewrites, scans or deletes a table's rows touches none of them.
pub(crate) fn is_foreign(schema: &Schema, table: &QualifiedName) -> bool {
    schema
        .tables
        .get(table)
        .is_some_and(|t| t.foreign.is_some())
}

/// Dropping a table deletes its rows; a foreign table's rows stay on its server.
pub(super) fn drops_local_rows(t: &Table, current: &Schema) -> Vec<Hazard> {
    match t.foreign {
        Some(_) => Vec::new(),
        None => crate::change::drops_rows(t, current),
    }
}

/// Whether the table `c` is dropped and created again to become `d`: it becomes foreign or
/// plain, moves to another server, or its server is created again.
pub(crate) fn recreated_for_server(
    c: &Table,
    d: &Table,
    current: &Schema,
    desired: &Schema,
) -> bool {
    let server = |t: &Table| t.foreign.as_ref().map(|f| f.server.clone());
    server(c) != server(d) || server(d).is_some_and(|s| server_recreated(current, desired, &s))
}

/// The options change of a table foreign on both sides.
pub(super) fn diff(c: &Table, d: &Table, out: &mut Vec<Change>) {
    if let (Some(from), Some(to)) = (&c.foreign, &d.foreign) {
        if from.options != to.options {
            out.push(Change::from(SetForeignTableOptions {
                table: d.name.clone(),
                from: from.options.clone(),
                to: to.options.clone(),
            }));
        }
    }
}
