//! Stand-alone indexes: their IR and the `create_index`/`drop_index` changes.

use crate::change::{create_drop, no_hazards, relation_setting, renamed, Change, Deps, ObjRef};
use crate::diff::{diff_objects, Kept};
use crate::kinds::table::same_parameters;

use crate::hazard::Hazard;
use crate::kinds::comment::differs_beyond_comment;
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub name: QualifiedName,
    pub table: QualifiedName,
    #[serde(default)]
    pub unique: bool,
    pub method: String,
    /// Key parts, each already rendered as SQL (`"email"`, `lower(email) DESC`).
    pub keys: Vec<IndexKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<(String, String)>,
    pub predicate: Option<Expr>,
    #[serde(default)]
    pub nulls_not_distinct: bool,
    /// Statistics targets of expression columns (`ALTER INDEX … ALTER COLUMN 2 SET
    /// STATISTICS 500`; `pg_attribute.attstattarget` of the index's attributes), by column
    /// number (from 1); PostgreSQL's default (-1) is left out.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub statistics: BTreeMap<u16, i32>,
    pub comment: Option<String>,
    /// On a change only, never in a schema: the partitions' own indexes that creating this
    /// one on a partitioned table adopts (PostgreSQL attaches a matching index instead of
    /// building one), and that dropping it must therefore build again as they were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adopts: Vec<Index>,
    /// On a change only, never in a schema: the index of the partition's parent, created
    /// in the same migration with the same definition, that this partition's own index is
    /// created after (`CREATE INDEX` on the parent would adopt it as its partition's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_parent: Option<QualifiedName>,
}

/// Whether an index on a partitioned table and one on its partition have the definition
/// PostgreSQL compares before it attaches one to the other (names, tables, storage
/// parameters and comments aside).
pub fn same_definition(parent: &Index, child: &Index) -> bool {
    let bare = |i: &Index| Index {
        name: QualifiedName::new(String::new(), String::new()),
        table: QualifiedName::new(String::new(), String::new()),
        with: Vec::new(),
        statistics: BTreeMap::new(),
        comment: None,
        adopts: Vec::new(),
        after_parent: None,
        ..i.clone()
    };
    bare(parent) == bare(child)
}

/// An index created on a partitioned table adopts the partitions' matching indexes that
/// the desired schema no longer lists on their own (they are attached to it: `CREATE
/// INDEX` on the parent, or `ALTER INDEX … ATTACH PARTITION`): their drops are left out,
/// and the create carries them, so the down file builds them again after dropping it.
fn adopt_partition_indexes(desired: &Schema, out: &mut Vec<Change>) {
    let parent_of = |table: &QualifiedName| {
        desired
            .tables
            .get(table)
            .and_then(|t| t.partition_of.as_ref())
            .map(|p| p.parent.clone())
    };
    // (the parent's index, the partition) → the partition's index it adopts: one each.
    let mut adopted: BTreeMap<(QualifiedName, QualifiedName), Index> = BTreeMap::new();
    let creates: Vec<Index> = out
        .iter()
        .filter_map(|c| match c {
            Change::CreateIndex(CreateIndex(p)) => Some((**p).clone()),
            _ => None,
        })
        .collect();
    out.retain(|c| {
        let Change::DropIndex(DropIndex(i)) = c else {
            return true;
        };
        let Some(parent) = parent_of(&i.table) else {
            return true;
        };
        let by = creates
            .iter()
            .find(|p| p.table == parent && same_definition(p, i))
            .map(|p| (p.name.clone(), i.table.clone()));
        match by {
            Some(key) if !adopted.contains_key(&key) => {
                adopted.insert(key, (**i).clone());
                false
            }
            Some(_) | None => true,
        }
    });
    for c in out.iter_mut() {
        if let Change::CreateIndex(CreateIndex(p)) = c {
            p.adopts.extend(
                adopted
                    .iter()
                    .filter(|((by, _), _)| *by == p.name)
                    .map(|(_, i)| i.clone()),
            );
        }
    }
}

/// Whether `ATTACH PARTITION` would take the desired stand-alone index `i` for the new
/// parent's matching index (PostgreSQL attaches an equivalent index the partition has
/// instead of building one). It is then dropped before the attach and created again after
/// it (the planner orders a partition's new indexes after its attach).
fn adopted_on_attach(current: &Schema, desired: &Schema, i: &Index) -> bool {
    let parent = |s: &Schema| {
        s.tables
            .get(&i.table)
            .and_then(|t| t.partition_of.as_ref())
            .map(|p| p.parent.clone())
    };
    let Some(new_parent) = parent(desired).filter(|p| parent(current).as_ref() != Some(p)) else {
        return false;
    };
    desired
        .indexes
        .values()
        .any(|p| p.table == new_parent && same_definition(p, i))
}

/// A partition's own index created while its parent gets an index of the same definition
/// is created after it ([`Index::after_parent`]): created before, it would be adopted.
fn follow_parent_indexes(desired: &Schema, out: &mut [Change]) {
    let partitioned = |t: &QualifiedName| {
        desired
            .tables
            .get(t)
            .is_some_and(|t| t.partition_by.is_some())
    };
    // The new indexes on partitioned tables: few, often none.
    let parents: Vec<Index> = out
        .iter()
        .filter_map(|c| match c {
            Change::CreateIndex(CreateIndex(p)) if partitioned(&p.table) => Some((**p).clone()),
            _ => None,
        })
        .collect();
    if parents.is_empty() {
        return;
    }
    for c in out.iter_mut() {
        let Change::CreateIndex(CreateIndex(i)) = c else {
            continue;
        };
        let parent = desired
            .tables
            .get(&i.table)
            .and_then(|t| t.partition_of.as_ref())
            .map(|p| &p.parent);
        let Some(parent) = parent else { continue };
        if let Some(p) = parents
            .iter()
            .find(|p| p.table == *parent && same_definition(p, i))
        {
            i.after_parent = Some(p.name.clone());
        }
    }
}

/// One key part of an index: a column or an expression with its options, as SQL.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexKey {
    pub def: Expr,
    /// The column name when the key is a plain column (used for dependencies).
    pub column: Option<String>,
}

fn created(i: &Index) -> Deps {
    let mut creates = vec![ObjRef::Name(i.name.clone())];
    if i.unique {
        creates.push(ObjRef::Key(i.table.clone()));
    }
    let mut requires = vec![
        ObjRef::schema(i.name.schema.clone()),
        ObjRef::Name(i.table.clone()),
    ];
    requires.extend(i.after_parent.iter().cloned().map(ObjRef::Name));
    let column = |c: &String| ObjRef::column(i.table.clone(), c.clone());
    for k in &i.keys {
        match &k.column {
            Some(c) => requires.push(column(c)),
            // An expression reads its columns in their new form (a retyped column, an
            // enum's rebuilt column).
            None => requires.extend(k.def.columns.iter().map(column)),
        }
        requires.extend(k.def.refs.iter().cloned().map(ObjRef::Name));
    }
    if let Some(p) = &i.predicate {
        requires.extend(p.columns.iter().map(column));
        requires.extend(p.refs.iter().cloned().map(ObjRef::Name));
    }
    Deps::creating(creates, requires)
}

create_drop! {
    Index, deps created, label |i| i.name.name.clone();
    /// `CREATE INDEX`.
    CreateIndex = "create_index", rank 32, hazards |i, current| {
        // Building an index on a table that has rows.
        if current.tables.contains_key(&i.table) {
            vec![Hazard::LongIndexBuild]
        } else {
            vec![]
        }
    };
    /// `DROP INDEX`.
    DropIndex = "drop_index", rank 10, hazards no_hazards;
}

renamed! {
    /// `ALTER INDEX … RENAME TO`: an index of a table renamed with
    /// `-- migrator:renamed-from` whose name follows the table (an implicit
    /// `clients_region_idx` becoming `customers_region_idx`): nothing is rebuilt.
    RenameIndex = "rename_index", rank 20, hazards vec![],
}

relation_setting! {
    /// `ALTER INDEX … ALTER COLUMN n SET STATISTICS …`: expression columns' statistics
    /// targets change in place (one gone is set back to -1, the default).
    SetIndexStatistics { index: BTreeMap<u16, i32> }
    = "set_index_statistics",
    rank 34, label "statistics", hazards vec![],
}

relation_setting! {
    /// `ALTER INDEX … SET (…)` / `RESET (…)`: storage parameters change in place.
    SetIndexStorageParameters { index: Vec<(String, String)> }
    = "set_index_storage_parameters",
    rank 34, label "storage_parameters", hazards vec![],
}

/// The diff pass of indexes: created, dropped, or dropped and created when changed. The
/// indexes of a table renamed with `-- migrator:renamed-from` follow it, and one the
/// desired schema defines the same under another name (neither name on the other side)
/// is renamed. Storage parameters change in place (`ALTER INDEX … SET/RESET`), and so do
/// the statistics targets of expression columns (`ALTER INDEX … ALTER COLUMN n SET
/// STATISTICS`). The indexes
/// of a table recreated ([`crate::kinds::table::recreated`]) are recreated with it.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    // `DROP TABLE` takes the indexes of a table dropped and created again along.
    let recreated_tables = crate::kinds::table::recreated(current, desired);
    let kept = |c: &Index, d: &Index, out: &mut Vec<Change>| {
        if recreated_tables.contains(&c.table) || adopted_on_attach(current, desired, d) {
            return Kept::Recreated;
        }
        let with = Index {
            with: c.with.clone(),
            statistics: c.statistics.clone(),
            ..d.clone()
        };
        if differs_beyond_comment(c, &with) {
            return Kept::Recreated;
        }
        if !same_parameters(&c.with, &d.with) {
            out.push(Change::SetIndexStorageParameters(
                SetIndexStorageParameters {
                    index: d.name.clone(),
                    from: c.with.clone(),
                    to: d.with.clone(),
                },
            ));
        }
        if c.statistics != d.statistics {
            out.push(Change::SetIndexStatistics(SetIndexStatistics {
                index: d.name.clone(),
                from: c.statistics.clone(),
                to: d.statistics.clone(),
            }));
        }
        Kept::InPlace
    };
    let tables = crate::kinds::table::annotated_renames(current, desired);
    if tables.is_empty() {
        let mut own = Vec::new();
        diff_objects(&current.indexes, &desired.indexes, kept, &mut own);
        adopt_partition_indexes(desired, &mut own);
        follow_parent_indexes(desired, &mut own);
        out.extend(own);
        return;
    }
    let mut followed = current.indexes.clone();
    for i in followed.values_mut() {
        if let Some(to) = tables.get(&i.table) {
            i.table = to.clone();
        }
    }
    let same = |c: &Index, d: &Index| {
        !differs_beyond_comment(
            c,
            &Index {
                name: c.name.clone(),
                ..d.clone()
            },
        )
    };
    let gone: Vec<QualifiedName> = followed
        .values()
        .filter(|i| tables.values().any(|t| *t == i.table))
        .filter(|i| !desired.indexes.contains_key(&i.name))
        .map(|i| i.name.clone())
        .collect();
    for from in gone {
        let to = desired
            .indexes
            .values()
            .find(|d| !followed.contains_key(&d.name) && same(&followed[&from], d))
            .map(|d| d.name.clone());
        let Some(to) = to else { continue };
        if let Some(mut i) = followed.remove(&from) {
            i.name = to.clone();
            followed.insert(to.clone(), i);
            out.push(Change::RenameIndex(RenameIndex { from, to }));
        }
    }
    // One that changes anyway is dropped as it stands before the rename (its down file
    // builds it again after the rename back).
    for (name, i) in &mut followed {
        let kept = desired
            .indexes
            .get(name)
            .is_some_and(|d| !differs_beyond_comment(i, d));
        if let (false, Some(original)) = (kept, current.indexes.get(name)) {
            *i = original.clone();
        }
    }
    diff_objects(&followed, &desired.indexes, kept, out);
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Index, Schema};
    use insta::assert_snapshot;

    fn on_t(i: Index) -> Schema {
        schema()
            .with(table("t", [col("a", "integer"), col("b", "integer")]))
            .with(i)
    }

    #[test]
    fn a_new_index_is_created() {
        let current = schema().with(table("t", [col("a", "integer"), col("b", "integer")]));
        let desired = on_t(index("t_a_idx", "t", &["a"]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_changed_index_is_dropped_and_created() {
        let current = on_t(index("t_idx", "t", &["a"]));
        let desired = on_t(index("t_idx", "t", &["a", "b"]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn an_index_made_partial_is_dropped_and_created() {
        let current = on_t(index("t_idx", "t", &["a"]));
        let desired = on_t(Index {
            predicate: Some(sql("b IS NOT NULL")),
            ..index("t_idx", "t", &["a"])
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    /// `t (a)`, partitioned by range of `a`.
    fn partitioned_t() -> crate::schema::Table {
        crate::schema::Table {
            partition_by: Some("RANGE (a)".into()),
            ..table("t", [col("a", "integer")])
        }
    }

    /// `table` as the default partition of `t`.
    fn default_partition_of_t(table: crate::schema::Table) -> crate::schema::Table {
        crate::schema::Table {
            partition_of: Some(crate::schema::PartitionOf {
                parent: qn("t"),
                bound: "DEFAULT".into(),
            }),
            ..table
        }
    }

    #[test]
    fn an_index_on_a_partitioned_table_adopts_the_partitions_matching_index() {
        // `p_a` is attached to the new `t_a` (`CREATE INDEX` on the parent adopts it): not
        // dropped; the create carries it, so its down builds it again.
        let parent = partitioned_t();
        let partition = default_partition_of_t(table("p", Vec::<crate::schema::Column>::new()));
        let both = schema().with(parent).with(partition);
        let current = both.clone().with(index("p_a", "p", &["a"]));
        let desired = both.with(index("t_a", "t", &["a"]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn an_own_index_of_a_table_attached_is_built_again_after_the_attach() {
        // `ATTACH PARTITION` would take `p_a` for the parent's matching `t_a`: it is
        // dropped and created again (the planner puts the create after the attach).
        let parent = partitioned_t();
        let plain = table("p", [col("a", "integer")]);
        let attached = default_partition_of_t(plain.clone());
        let indexes = |s: Schema| {
            s.with(index("t_a", "t", &["a"]))
                .with(index("p_a", "p", &["a"]))
        };
        let current = indexes(schema().with(parent.clone()).with(plain));
        let desired = indexes(schema().with(parent).with(attached));
        let changes = diffed(&current, &desired);
        assert!(
            changes.contains("drop_index {\"name\":\"public.p_a\""),
            "{changes}"
        );
        assert!(
            changes.contains("create_index {\"name\":\"public.p_a\""),
            "{changes}"
        );
        let plan = planned(&current, &desired);
        let attach = plan.find("set_partition").expect("an attach");
        let create = plan.find("create_index").expect("a create");
        assert!(attach < create, "{plan}");
    }

    #[test]
    fn a_partitions_own_index_is_created_after_its_parents_matching_one() {
        // Created first, `p_a` would be adopted by `CREATE INDEX t_a` on the parent.
        let parent = partitioned_t();
        let partition = default_partition_of_t(table("p", Vec::<crate::schema::Column>::new()));
        let current = schema().with(parent).with(partition);
        let desired =
            current
                .clone()
                .with(index("p_a", "p", &["a"]))
                .with(index("t_a", "t", &["a"]));
        let plan = planned(&current, &desired);
        let parents = plan.find("\"name\":\"public.t_a\"").expect("t_a");
        let own = plan.find("\"name\":\"public.p_a\"").expect("p_a");
        assert!(parents < own, "{plan}");
    }

    #[test]
    fn a_comment_alone_is_set_without_rebuilding_the_index() {
        let current = on_t(index("t_idx", "t", &["a"]));
        let desired = on_t(Index {
            comment: Some("by a".into()),
            ..index("t_idx", "t", &["a"])
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    fn with_statistics(i: Index, targets: &[(u16, i32)]) -> Index {
        Index {
            statistics: targets.iter().copied().collect(),
            ..i
        }
    }

    #[test]
    fn expression_statistics_change_in_place_and_come_back_with_a_recreated_index() {
        let lower = |targets: &[(u16, i32)]| {
            let i = Index {
                keys: vec![crate::schema::IndexKey {
                    def: sql("lower(a::text)"),
                    column: None,
                }],
                ..index("t_lower", "t", &[])
            };
            with_statistics(i, targets)
        };
        let current = on_t(lower(&[(1, 500)]));
        let desired = on_t(lower(&[(1, 1000)]));
        assert_snapshot!(diffed(&current, &desired));
        let desired = on_t(Index {
            predicate: Some(sql("b IS NOT NULL")),
            ..lower(&[(1, 500)])
        });
        assert_snapshot!(
            "statistics_of_a_recreated_index",
            diffed(&current, &desired)
        );
    }
}
