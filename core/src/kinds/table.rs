//! Tables: their IR and the `create_table`/`drop_table`/`set_partition`/`set_inherits`/
//! `rename_table`/`set_row_security` changes. Columns and constraints are kinds of their own.

use crate::change::{
    create_drop, from_to, no_hazards, relation_setting, renamed, Change, Deps, ObjRef,
};
use crate::diff::{comment_change, pair_up};
use crate::hazard::Hazard;
use crate::kinds::column::{column_requires, Column};
use crate::kinds::column::{diff_columns, AddColumn, AlterGeneration, DropColumn};
use crate::kinds::comment::Commented;
use crate::kinds::constraint::{
    constraint_creates, constraint_requires, Constraint, ConstraintKind,
};
use crate::kinds::constraint::{diff_constraints, rename_constraints_along};
use crate::schema::{QualifiedName, Schema};
use crate::vec_map::VecMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

mod cluster;
mod foreign;
mod inherited;
mod partitions;
mod typed;
pub use cluster::SetClusterOn;
pub(crate) use cluster::{
    around_recreations as cluster_around_recreations, cluster_on,
    dropped_relations as cluster_dropped_relations,
};
pub(crate) use foreign::is_foreign;
pub use foreign::{ForeignTable, SetForeignTableOptions};
pub(crate) use partitions::recreated;
pub use partitions::{effective_columns, parent_column, prune_overrides};
pub use typed::{typed_columns, SetOfType};

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub name: QualifiedName,
    /// Columns in declaration order. Order is kept for CREATE TABLE but ignored by the diff:
    /// PostgreSQL can only append columns. Shared (`Arc`) with the copies the changes
    /// carry (a `create_table` holds its whole table): `Arc::make_mut` to change them.
    pub columns: Arc<Vec<Column>>,
    /// Constraints by name, shared like `columns` (a sorted `Vec`: most tables have a few).
    #[serde(default)]
    pub constraints: Arc<VecMap<String, Constraint>>,
    pub comment: Option<String>,
    /// `PARTITION BY …` of a partitioned table, canonical (`RANGE (created_at)`).
    pub partition_by: Option<String>,
    /// The parent and bound of a partition (`FOR VALUES FROM (1) TO (10)`, `DEFAULT`).
    /// A partition's columns and inherited constraints belong to its parent: its
    /// `columns` are only its overrides, the parent's columns whose default or NOT NULL
    /// it sets otherwise (`partitions.rs`).
    pub partition_of: Option<PartitionOf>,
    /// `INHERITS (…)`: the parents, in order. A child's columns include the inherited ones
    /// (marked [`Column::inherited`]); CHECK constraints it inherits are not listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherits: Vec<QualifiedName>,
    /// `ENABLE ROW LEVEL SECURITY`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub row_security: bool,
    /// `FORCE ROW LEVEL SECURITY`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub force_row_security: bool,
    /// `-- migrator:renamed-from old_name` in the desired SQL: the table's previous name.
    pub renamed_from: Option<String>,
    /// `REPLICA IDENTITY`: how logical replication identifies a row it updates or deletes.
    #[serde(default, skip_serializing_if = "ReplicaIdentity::is_default")]
    pub replica_identity: ReplicaIdentity,
    /// `UNLOGGED`: not written to the write-ahead log (emptied after a crash, not
    /// replicated).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unlogged: bool,
    /// Storage parameters (`WITH (fillfactor = 70, toast.autovacuum_enabled = off)`): name
    /// and value as PostgreSQL keeps their text, in its order (which the diff ignores).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub storage_parameters: Vec<(String, String)>,
    /// `CLUSTER ON index`: the index a bare `CLUSTER` of the table uses (in its schema).
    pub cluster_on: Option<String>,
    /// `OF type` (`pg_class.reloftype`): the composite type a typed table takes its
    /// columns from (`typed.rs`). Its `columns` are the type's attributes, in order, with
    /// the table's own options (`WITH OPTIONS DEFAULT 0 NOT NULL`) applied.
    pub of_type: Option<QualifiedName>,
    /// `CREATE FOREIGN TABLE … SERVER s`: the server that holds its rows (`foreign.rs`).
    pub foreign: Option<ForeignTable>,
}

/// The index `name` of `table`, as the stand-alone index or the key it may be.
fn index_refs(table: &QualifiedName, name: &str) -> Vec<ObjRef> {
    vec![
        ObjRef::Name(QualifiedName::new(table.schema.clone(), name.to_string())),
        ObjRef::constraint(table.clone(), name.to_string()),
    ]
}

/// A table's `REPLICA IDENTITY` (`pg_class.relreplident`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplicaIdentity {
    /// The primary key, if any.
    #[default]
    Default,
    /// The whole old row.
    Full,
    /// Nothing: updates and deletes are not replicated.
    Nothing,
    /// `USING INDEX name`: a unique index, or a key's index, of the table (in its schema).
    Index(String),
}

impl ReplicaIdentity {
    pub fn is_default(&self) -> bool {
        *self == ReplicaIdentity::Default
    }

    /// The index this identity uses, as the stand-alone index or the key it may be.
    fn refs(&self, table: &QualifiedName) -> Vec<ObjRef> {
        match self {
            ReplicaIdentity::Index(name) => index_refs(table, name),
            ReplicaIdentity::Default | ReplicaIdentity::Full | ReplicaIdentity::Nothing => {
                vec![]
            }
        }
    }
}

impl Table {
    pub fn new(name: QualifiedName) -> Self {
        Table {
            name,
            columns: Arc::default(),
            constraints: Arc::default(),
            comment: None,
            partition_by: None,
            partition_of: None,
            inherits: Vec::new(),
            row_security: false,
            force_row_security: false,
            renamed_from: None,
            replica_identity: ReplicaIdentity::Default,
            unlogged: false,
            storage_parameters: Vec::new(),
            cluster_on: None,
            of_type: None,
            foreign: None,
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns_mut().iter_mut().find(|c| c.name == name)
    }

    /// The columns to change: this table's own copy once a change shares them.
    pub fn columns_mut(&mut self) -> &mut Vec<Column> {
        Arc::make_mut(&mut self.columns)
    }

    /// The constraints to change, copied first like [`Table::columns_mut`]'s.
    pub fn constraints_mut(&mut self) -> &mut VecMap<String, Constraint> {
        Arc::make_mut(&mut self.constraints)
    }
}

/// Where a partition attaches: its parent and its bound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionOf {
    pub parent: QualifiedName,
    pub bound: String,
}

fn created(t: &Table) -> Deps {
    let mut creates = vec![ObjRef::Name(t.name.clone())];
    creates.extend(
        t.columns
            .iter()
            .map(|c| ObjRef::column(t.name.clone(), c.name.clone())),
    );
    creates.extend(constraint_creates(&t.name, t.constraints.values()));
    // A partition holds its share of its parent's keys, which PostgreSQL ties the foreign
    // keys to the parent to: those go before the partition does.
    creates.extend(t.partition_of.iter().map(|p| ObjRef::Key(p.parent.clone())));
    let mut requires = vec![ObjRef::schema(t.name.schema.clone())];
    requires.extend(
        t.partition_of
            .iter()
            .map(|p| ObjRef::Name(p.parent.clone())),
    );
    requires.extend(t.inherits.iter().cloned().map(ObjRef::Name));
    requires.extend(t.of_type.iter().cloned().map(ObjRef::Name));
    let server = t
        .foreign
        .iter()
        .map(|f| crate::kinds::foreign_data::server_id(&f.server));
    requires.extend(server.map(ObjRef::Id));
    // An inherited column comes from a parent: after the parent has it.
    for c in t.columns.iter().filter(|c| c.inherited) {
        requires.extend(
            t.inherits
                .iter()
                .map(|p| ObjRef::column(p.clone(), c.name.clone())),
        );
    }
    for c in t.columns.iter() {
        requires.extend(column_requires(c));
    }
    for c in t.constraints.values() {
        requires.extend(constraint_requires(&t.name, c));
    }
    Deps::creating(creates, requires)
}

create_drop! {
    Table, deps created, label |t| t.name.name.clone();
    /// `CREATE TABLE`, with its columns and constraints.
    CreateTable = "create_table", rank 27, hazards no_hazards;
    /// `DROP TABLE`.
    DropTable = "drop_table", rank 14, hazards foreign::drops_local_rows;
}

from_to! {
    /// `ATTACH PARTITION` / `DETACH PARTITION` (a bound change is both).
    SetPartition { from, to: Option<PartitionOf>, table: QualifiedName }
    = "set_partition",
    rank |c| {
        // A detach after column changes on the parent, which reach only attached
        // partitions.
        if c.to.is_none() { 32 } else { 33 }
    },
    label |c| format!("partition_{}", c.table.name),
    deps |c| {
        let parent = |p: &PartitionOf| ObjRef::Name(p.parent.clone());
        let table = ObjRef::Name(c.table.clone());
        Deps::relinking(table, c.to.iter().map(parent), c.from.iter().map(parent))
    },
    hazards |c, current| {
        if current.tables.contains_key(&c.table) {
            vec![Hazard::AccessExclusiveLock]
        } else {
            vec![]
        }
    },
}

from_to! {
    /// `ALTER TABLE … INHERIT` / `NO INHERIT`: the parents removed and added. The diff
    /// emits removals and additions as separate changes (removals run early, additions
    /// once the child has the parent's columns).
    SetInherits { from, to: Vec<QualifiedName>, table: QualifiedName }
    = "set_inherits",
    rank |c| {
        // `NO INHERIT` before the child's columns that become its own are dropped;
        // `INHERIT` once the child has the parent's columns.
        if c.to.is_empty() { 12 } else { 33 }
    },
    label |c| format!("inherit_{}", c.table.name),
    deps |c| {
        let (to, from) = (c.to.iter().cloned(), c.from.iter().cloned());
        let mut deps = Deps::relinking(
            ObjRef::Name(c.table.clone()),
            to.map(ObjRef::Name),
            from.map(ObjRef::Name),
        );
        deps.creates.extend(c.to.iter().cloned().map(ObjRef::Inheritors));
        deps.removes.extend(c.from.iter().cloned().map(ObjRef::Inheritors));
        deps
    },
    hazards |_, _| vec![],
}

renamed! {
    /// `ALTER TABLE … RENAME TO`, from a `-- migrator:renamed-from` annotation.
    RenameTable = "rename_table", rank 19, hazards vec![Hazard::AccessExclusiveLock],
}

relation_setting! {
    /// `ENABLE`/`DISABLE` and `FORCE`/`NO FORCE ROW LEVEL SECURITY`: `(enabled, forced)`.
    SetRowSecurity { table: (bool, bool) } = "set_row_security",
    rank 34, label "row_security", hazards vec![],
}

from_to! {
    /// `ALTER TABLE … REPLICA IDENTITY`. A new table gets one after its indexes and keys.
    SetReplicaIdentity { from, to: ReplicaIdentity, table: QualifiedName }
    = "set_replica_identity",
    rank |_| 34,
    label |c| format!("replica_identity_{}", c.table.name),
    deps |c| Deps::relinking(
        ObjRef::Name(c.table.clone()),
        c.to.refs(&c.table),
        c.from.refs(&c.table),
    ),
    hazards |_, _| vec![],
}

from_to! {
    /// `ALTER TABLE … SET LOGGED | SET UNLOGGED`: `true` is unlogged.
    SetUnlogged { from, to: bool, table: QualifiedName }
    = "set_unlogged",
    rank |_| 34,
    label |c| format!("{}_{}", if c.to { "unlogged" } else { "logged" }, c.table.name),
    deps |c| Deps::creating(vec![], vec![ObjRef::Name(c.table.clone())]),
    // The table is rewritten under an ACCESS EXCLUSIVE lock.
    hazards |_, _| vec![Hazard::AccessExclusiveLock],
}

relation_setting! {
    /// `ALTER TABLE … SET (name = value, …)` and `RESET (name, …)`. A brief SHARE UPDATE
    /// EXCLUSIVE lock; nothing is rewritten.
    SetStorageParameters { table: Vec<(String, String)> } = "set_storage_parameters",
    rank 34, label "storage_parameters", hazards vec![],
}

/// Whether two lists of storage parameters set the same values, in any order.
pub fn same_parameters(a: &[(String, String)], b: &[(String, String)]) -> bool {
    let sorted = |x: &[(String, String)]| {
        let mut x = x.to_vec();
        x.sort();
        x
    };
    sorted(a) == sorted(b)
}

/// A new table's clustering index and replica identity, set once its indexes and keys
/// exist.
fn created_replica_identity(d: &Table, out: &mut Vec<Change>) {
    if d.cluster_on.is_some() {
        out.push(Change::SetClusterOn(SetClusterOn::new(
            &d.name,
            None,
            d.cluster_on.clone(),
        )));
    }
    if !d.replica_identity.is_default() {
        out.push(Change::SetReplicaIdentity(SetReplicaIdentity {
            table: d.name.clone(),
            from: ReplicaIdentity::Default,
            to: d.replica_identity.clone(),
        }));
    }
}

/// The tables that `-- migrator:renamed-from` renames, old name → new: what the table pass
/// renames, and what the passes of objects that name a table (indexes, owned sequences,
/// foreign keys elsewhere) follow, as PostgreSQL's references by OID follow a rename.
pub(crate) fn annotated_renames(
    current: &Schema,
    desired: &Schema,
) -> BTreeMap<QualifiedName, QualifiedName> {
    let mut renames = BTreeMap::new();
    for d in desired.tables.values() {
        let Some(old) = &d.renamed_from else { continue };
        let old = QualifiedName::new(d.name.schema.clone(), old.clone());
        if current.tables.contains_key(&d.name) || desired.tables.contains_key(&old) {
            continue;
        }
        if current.tables.contains_key(&old) {
            renames.insert(old, d.name.clone());
        }
    }
    renames
}

/// The diff pass of tables: renames, creations and drops, and each kept table's columns,
/// constraints, comment, partition and row security.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    // `-- migrator:renamed-from`: the old table is the current state of the new one.
    let renames = annotated_renames(current, desired);
    for (from, to) in &renames {
        out.push(Change::RenameTable(RenameTable {
            from: from.clone(),
            to: to.clone(),
        }));
    }
    // Foreign keys follow a renamed table they reference, unless they change anyway: then
    // they are dropped as they stand before the rename.
    let followed;
    let current = if renames.is_empty() {
        current
    } else {
        let mut s = current.clone();
        for t in s.tables.values_mut() {
            let name = renames.get(&t.name).unwrap_or(&t.name);
            let wanted = desired.tables.get(name).map(|d| &d.constraints);
            for k in Arc::make_mut(&mut t.constraints).values_mut() {
                let mut f = k.clone();
                if let ConstraintKind::ForeignKey { ref_table, .. } = &mut f.kind {
                    if let Some(to) = renames.get(ref_table) {
                        *ref_table = to.clone();
                    }
                }
                if wanted
                    .and_then(|w| w.get(&k.name))
                    .is_some_and(|d| d.kind == f.kind)
                {
                    *k = f;
                }
            }
        }
        followed = s;
        &followed
    };
    let (_, sequences) = crate::kinds::sequence::renamed_along(current, desired);
    let old_name = |d: &Table| {
        let old = QualifiedName::new(d.name.schema.clone(), d.renamed_from.clone()?);
        renames.contains_key(&old).then_some(old)
    };
    let recreated = recreated(current, desired);
    pair_up(&current.tables, &desired.tables, |c, d| match (c, d) {
        (Some(c), None) if renames.contains_key(&c.name) => {}
        (Some(c), None) => out.push(Change::DropTable(DropTable(Box::new(c.clone())))),
        (None, Some(d)) => match old_name(d).and_then(|old| current.tables.get(&old)) {
            Some(c) => {
                let mut c = c.clone();
                c.name = d.name.clone();
                rename_constraints_along(&mut c, d, out);
                follow_sequence_renames(&mut c, d, &sequences);
                diff_table_with_parents(&c, d, current, desired, out);
            }
            None => {
                out.push(Change::CreateTable(CreateTable(Box::new(d.clone()))));
                created_replica_identity(d, out);
            }
        },
        (Some(c), Some(d)) if recreated.contains(&c.name) => {
            // A table cannot change how it is partitioned: it is created again, with the
            // partitions its drop takes along.
            out.push(Change::DropTable(DropTable(Box::new(c.clone()))));
            out.push(Change::CreateTable(CreateTable(Box::new(d.clone()))));
            created_replica_identity(d, out);
        }
        (Some(c), Some(d)) => diff_table_with_parents(c, d, current, desired, out),
        (None, None) => {}
    });
}

/// A column default that names a sequence renamed along with the table (`nextval` of a
/// serial column) names it by its OID: after the rename the catalog prints the new name,
/// so the default is the desired one, not a change. Found through `refs`, never the text.
fn follow_sequence_renames(
    c: &mut Table,
    d: &Table,
    sequences: &BTreeMap<QualifiedName, QualifiedName>,
) {
    for col in Arc::make_mut(&mut c.columns) {
        let Some(desired) = d.column(&col.name).and_then(|x| x.default.as_ref()) else {
            continue;
        };
        let follows = col.default.as_ref().is_some_and(|e| {
            let renamed: Vec<&QualifiedName> = e
                .refs
                .iter()
                .map(|r| sequences.get(r).unwrap_or(r))
                .collect();
            e.refs.iter().any(|r| sequences.contains_key(r))
                && renamed == desired.refs.iter().collect::<Vec<_>>()
        });
        if follows {
            col.default = Some(desired.clone());
        }
    }
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
    if c.partition_of.is_some() && d.partition_of.is_some() {
        partitions::diff_overrides(c, d, current, desired, out);
    }
    let (c, d) = &partitions::spelled_out(c, d, current, desired);
    if c.of_type.is_some() || d.of_type.is_some() {
        return typed::diff(c, d, out);
    }
    if c.inherits.is_empty() && d.inherits.is_empty() {
        return diff_table(c, d, out);
    }
    // PostgreSQL cannot make a column inherited-only again: the flag is not compared.
    let strip = |t: &Table| {
        let mut t = t.clone();
        for col in Arc::make_mut(&mut t.columns) {
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
    // A parent linked now that gains the column now: `INHERIT` comes first, and the
    // parent's `ADD COLUMN` reaches the child (the planner orders them by
    // `ObjRef::Inheritors`). A column the parent has already, the child needs before.
    let from_added_parent_gaining = |col: &str| {
        d.inherits
            .iter()
            .filter(|p| !c.inherits.contains(p))
            .any(|p| {
                let had = current.tables.get(p).map(|t| t.column(col).is_some());
                let has = desired
                    .tables
                    .get(p)
                    .is_some_and(|t| t.column(col).is_some());
                had == Some(false) && has
            })
    };
    let inherited = |t: &Table, col: &str| t.column(col).is_some_and(|x| x.inherited);
    own.retain(|ch| match ch {
        Change::AddColumn(AddColumn { column, .. }) => {
            !(inherited(d, &column.name)
                && (from_kept_parent(desired, &column.name)
                    || from_added_parent_gaining(&column.name)))
        }
        Change::DropColumn(DropColumn { column, .. }) => {
            !(inherited(c, &column.name) && from_kept_parent(current, &column.name))
        }
        Change::AlterGeneration(AlterGeneration { to, .. }) => {
            !(inherited(c, &to.name) && inherited(d, &to.name))
        }
        _ => true,
    });
    // What a child sets itself on a column it inherits is its own change (`inherited.rs`).
    let own = own.into_iter().filter_map(|ch| match ch {
        Change::AlterColumn(a) if inherited(c, &a.to.name) && inherited(d, &a.to.name) => {
            inherited::own_part(a, &kept, current, desired).map(Change::from)
        }
        other => Some(other),
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
    let c = &diff_columns(c, d, out);
    diff_constraints(name, &c.constraints, &d.constraints, out);
    comment_change(out, d.comment_on(), &c.comment, &d.comment);
    foreign::diff(c, d, out);
    if c.partition_of != d.partition_of {
        if c.partition_of.is_some() {
            out.push(Change::from(SetPartition {
                table: name.clone(),
                from: c.partition_of.clone(),
                to: None,
            }));
        }
        if d.partition_of.is_some() {
            out.push(Change::from(SetPartition {
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
    if c.replica_identity != d.replica_identity {
        out.push(Change::SetReplicaIdentity(SetReplicaIdentity {
            table: name.clone(),
            from: c.replica_identity.clone(),
            to: d.replica_identity.clone(),
        }));
    }
    if !same_parameters(&c.storage_parameters, &d.storage_parameters) {
        out.push(Change::SetStorageParameters(SetStorageParameters {
            table: name.clone(),
            from: c.storage_parameters.clone(),
            to: d.storage_parameters.clone(),
        }));
    }
    if c.cluster_on != d.cluster_on {
        out.push(Change::SetClusterOn(SetClusterOn::new(
            name,
            c.cluster_on.clone(),
            d.cluster_on.clone(),
        )));
    }
    if c.unlogged != d.unlogged {
        out.push(Change::SetUnlogged(SetUnlogged {
            table: name.clone(),
            from: c.unlogged,
            to: d.unlogged,
        }));
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Column, Expr, Table};
    use insta::assert_snapshot;

    #[test]
    fn a_new_table_is_created_whole_with_its_constraints() {
        let desired = schema()
            .with(table("t", [col("id", "integer"), col("x", "text")]).with(pk("t_pkey", &["id"])));
        assert_snapshot!(diffed(&schema(), &desired));
    }

    #[test]
    fn a_table_rename_annotation_renames_then_diffs_the_renamed_table() {
        let current = schema().with(table("old", [col("id", "integer")]));
        let desired = schema().with(Table {
            renamed_from: Some("old".into()),
            ..table("new", [col("id", "integer"), col("x", "text")])
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn names_that_follow_a_renamed_table_are_renamed_not_rebuilt() {
        // The key, the index and the serial sequence are named after the table; a foreign
        // key elsewhere rests on the key and survives.
        let side = |t: &str| {
            let nextval = Expr {
                refs: vec![qn(&format!("{t}_id_seq"))],
                ..sql(&format!("nextval('{t}_id_seq'::regclass)"))
            };
            let id = Column {
                default: Some(nextval),
                ..col("id", "integer")
            };
            let seq = crate::schema::Sequence {
                owned_by: owned_by(t, "id"),
                ..sequence(&format!("{t}_id_seq"))
            };
            let orders = table("orders", [col("client", "integer")]).with(fk(
                "orders_client_fkey",
                &["client"],
                t,
                &["id"],
            ));
            schema()
                .with(table(t, [id, col("region", "text")]).with(pk(&format!("{t}_pkey"), &["id"])))
                .with(index(&format!("{t}_region_idx"), t, &["region"]))
                .with(seq)
                .with(orders)
        };
        let current = side("clients");
        let mut desired = side("customers");
        desired
            .tables
            .get_mut(&qn("customers"))
            .unwrap()
            .renamed_from = Some("clients".into());
        let changes = crate::plan::order(crate::diff::diff(&current, &desired)).unwrap();
        let mut labels: Vec<String> = changes.iter().map(crate::change::Change::label).collect();
        assert_eq!(
            labels.first().map(String::as_str),
            Some("rename_clients_to_customers")
        );
        labels.sort();
        assert_eq!(
            labels,
            [
                "rename_clients_id_seq_to_customers_id_seq",
                "rename_clients_pkey_to_customers_pkey",
                "rename_clients_region_idx_to_customers_region_idx",
                "rename_clients_to_customers",
            ]
        );
    }

    #[test]
    fn a_changed_partition_key_drops_and_creates_the_table() {
        let partitioned = |by: &str| Table {
            partition_by: Some(by.into()),
            ..table("t", [col("a", "integer"), col("b", "integer")])
        };
        let current = schema().with(partitioned("RANGE (a)"));
        let desired = schema().with(partitioned("RANGE (b)"));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn row_security_switched_on_and_forced_is_one_change() {
        let current = schema().with(table("t", [col("id", "integer")]));
        let desired = schema().with(Table {
            row_security: true,
            force_row_security: true,
            ..table("t", [col("id", "integer")])
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_column_added_to_a_kept_parent_is_added_to_the_parent_only() {
        let inherited = |name: &str| Column {
            inherited: true,
            ..col(name, "integer")
        };
        let child = |cols: Vec<Column>| Table {
            inherits: vec![qn("parent")],
            ..table("child", cols)
        };
        let current = schema()
            .with(table("parent", [col("id", "integer")]))
            .with(child(vec![inherited("id")]));
        let desired = schema()
            .with(table("parent", [col("id", "integer"), col("x", "integer")]))
            .with(child(vec![inherited("id"), inherited("x")]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_child_is_linked_before_its_new_parent_gains_a_column_that_reaches_it() {
        // The child declares the parent's `id` itself, and gets `x` through the link:
        // `INHERIT` first, then the parent's `ADD COLUMN`, and no `ADD COLUMN` of its own.
        let x = Column {
            inherited: true,
            ..col("x", "integer")
        };
        let current = schema()
            .with(table("parent", [col("id", "integer")]))
            .with(table("child", [col("id", "integer")]));
        let desired = schema()
            .with(table("parent", [col("id", "integer"), col("x", "integer")]))
            .with(Table {
                inherits: vec![qn("parent")],
                ..table("child", [col("id", "integer"), x])
            });
        let changes = crate::plan::order(crate::diff::diff(&current, &desired)).unwrap();
        let labels: Vec<String> = changes.iter().map(crate::change::Change::label).collect();
        assert_eq!(labels, ["inherit_child", "add_parent_x"]);
    }
}
