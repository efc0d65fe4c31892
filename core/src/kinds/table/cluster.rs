//! The clustering index of a table or a materialized view (`CLUSTER ON index`, `SET
//! WITHOUT CLUSTER`; `pg_index.indisclustered`): the `set_cluster_on` change, and the pass
//! that keeps it across a relation dropped or dropped and created again.
//!
//! PostgreSQL forgets the setting with the relation (and with the index). A relation the
//! changes drop, or drop and create again, gets its setting cleared just before the drop
//! (`before_drop`), so the down file, which runs the inverses in reverse order, sets it
//! again after rebuilding the relation and its indexes; one the changes create gets it once
//! its index exists. Running `CLUSTER` itself is data maintenance and stays the user's.

use crate::change::{from_to, Change, Deps, ObjRef};
use crate::kinds::{CreateView, DropTable, DropView};
use crate::schema::{QualifiedName, Schema};

from_to! {
    /// `ALTER TABLE | MATERIALIZED VIEW … CLUSTER ON index` / `SET WITHOUT CLUSTER`. A new
    /// relation gets it after its indexes and keys. `before_drop`: the relation is dropped
    /// (or dropped and created again) by the same plan, and this clears the setting before
    /// that, needing nothing (its inverse, at the end of the down file, sets it again).
    SetClusterOn {
        from, to: Option<String>,
        table: QualifiedName,
        /// A materialized view's (`ALTER MATERIALIZED VIEW`).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        materialized: bool,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        before_drop: bool,
    }
    = "set_cluster_on",
    rank |_| 34,
    label |c| format!("cluster_on_{}", c.table.name),
    deps |c| {
        let refs = |i: &Option<String>| {
            i.iter().flat_map(|i| super::index_refs(&c.table, i)).collect::<Vec<_>>()
        };
        if c.before_drop {
            let mut releases = refs(&c.from);
            releases.push(ObjRef::Name(c.table.clone()));
            return Deps { creates: vec![], requires: vec![], removes: vec![], releases };
        }
        Deps::relinking(ObjRef::Name(c.table.clone()), refs(&c.to), refs(&c.from))
    },
    hazards |_, _| vec![],
}

impl SetClusterOn {
    /// The clustering index of the table `table` going from `from` to `to`.
    pub fn new(table: &QualifiedName, from: Option<String>, to: Option<String>) -> Self {
        SetClusterOn {
            table: table.clone(),
            materialized: false,
            before_drop: false,
            from,
            to,
        }
    }
}

/// The clustering index of the relation `name` of `schema` (a table or a materialized
/// view), and whether it is a materialized view; `None` when there is no such relation.
pub(crate) fn cluster_on<'s>(
    schema: &'s Schema,
    name: &QualifiedName,
) -> Option<(&'s Option<String>, bool)> {
    match (schema.tables.get(name), schema.views.get(name)) {
        (Some(t), _) => Some((&t.cluster_on, false)),
        (None, Some(v)) => Some((&v.cluster_on, true)),
        (None, None) => None,
    }
}

/// The relations the changes drop: tables and views.
pub(crate) fn dropped_relations(out: &[Change]) -> Vec<QualifiedName> {
    out.iter()
        .filter_map(|c| match c {
            Change::DropTable(DropTable(t)) => Some(t.name.clone()),
            Change::DropView(DropView(v)) => Some(v.name.clone()),
            _ => None,
        })
        .collect()
}

/// Keeps the clustering index across drops: a relation the changes drop that is clustered
/// has it cleared before the drop (in place of any other change of it), and a materialized
/// view they create (or create again) that is clustered has it set once its index exists
/// (a new table's is the table pass's).
pub(crate) fn around_recreations(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let dropped = dropped_relations(out);
    out.retain(|c| !matches!(c, Change::SetClusterOn(s) if dropped.contains(&s.table) && !s.before_drop && s.materialized));
    let mut extra = Vec::new();
    for name in &dropped {
        if let Some((Some(on), materialized)) = cluster_on(current, name) {
            extra.push(Change::SetClusterOn(SetClusterOn {
                materialized,
                before_drop: true,
                ..SetClusterOn::new(name, Some(on.clone()), None)
            }));
        }
    }
    for c in out.iter() {
        let Change::CreateView(CreateView(v)) = c else {
            continue;
        };
        let Some(Some(on)) = desired.views.get(&v.name).map(|d| &d.cluster_on) else {
            continue;
        };
        extra.push(Change::SetClusterOn(SetClusterOn {
            materialized: true,
            ..SetClusterOn::new(&v.name, None, Some(on.clone()))
        }));
    }
    out.extend(extra);
}
