//! Settings of a relation that name one of its indexes: a table's `REPLICA IDENTITY USING
//! INDEX` and a table's or materialized view's `CLUSTER ON`, kept across the index (or the
//! relation) being dropped and created again.

use crate::change::Change;
use crate::kinds::table::{cluster_around_recreations, cluster_dropped_relations, cluster_on};
use crate::kinds::*;
use std::collections::BTreeSet;

/// PostgreSQL forgets a table's `REPLICA IDENTITY USING INDEX` and `CLUSTER ON` when the
/// index they name is dropped. An index (or the index of a key) dropped and created again
/// under a setting that stays gets the setting cleared before the drop and set again
/// after the creation, so the down file, which runs the inverses in reverse order, sets it
/// again after rebuilding the old index too.
pub(super) fn reapply_index_settings(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let mut dropped = BTreeSet::new();
    let mut created = BTreeSet::new();
    for c in out.iter() {
        match c {
            Change::DropIndex(DropIndex(i)) => {
                dropped.insert((i.table.clone(), i.name.name.clone()));
            }
            Change::CreateIndex(CreateIndex(i)) => {
                created.insert((i.table.clone(), i.name.name.clone()));
            }
            Change::DropConstraint(DropConstraint { table, constraint }) => {
                dropped.insert((table.clone(), constraint.name.clone()));
            }
            Change::AddConstraint(AddConstraint { table, constraint }) => {
                created.insert((table.clone(), constraint.name.clone()));
            }
            _ => {}
        }
    }
    let gone = cluster_dropped_relations(out);
    for (table, index) in dropped.intersection(&created) {
        if gone.contains(table) {
            // The relation goes too: `kinds::table::cluster_around_recreations`.
            continue;
        }
        if let (Some(c), Some(d)) = (current.tables.get(table), desired.tables.get(table)) {
            let identity = ReplicaIdentity::Index(index.clone());
            if c.replica_identity == identity && d.replica_identity == identity {
                for (from, to) in [
                    (identity.clone(), ReplicaIdentity::Nothing),
                    (ReplicaIdentity::Nothing, identity.clone()),
                ] {
                    let table = table.clone();
                    out.push(Change::SetReplicaIdentity(SetReplicaIdentity {
                        table,
                        from,
                        to,
                    }));
                }
            }
        }
        let on = Some(index.clone());
        let (Some((c, materialized)), Some((d, _))) =
            (cluster_on(current, table), cluster_on(desired, table))
        else {
            continue;
        };
        if *c == on && *d == on {
            for (from, to) in [(on.clone(), None), (None, on.clone())] {
                out.push(Change::SetClusterOn(SetClusterOn {
                    materialized,
                    ..SetClusterOn::new(table, from, to)
                }));
            }
        }
    }
    cluster_around_recreations(current, desired, out);
}
