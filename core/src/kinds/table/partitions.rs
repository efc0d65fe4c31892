//! The columns of partitions. A partition's columns are its parent's: PostgreSQL passes
//! every column the parent adds, drops or alters down to it, so the IR lists on the
//! partition only its *overrides*: the parent's columns whose default or NOT NULL the
//! partition sets otherwise (`PARTITION OF t (c DEFAULT 0 NOT NULL)`, `ALTER TABLE p ALTER
//! COLUMN c SET DEFAULT`), as whole copies of the column marked `inherited`
//! ([`prune_overrides`] keeps just those). A table that becomes a
//! partition (`ATTACH PARTITION`) or stops being one (`DETACH PARTITION`) is compared with
//! its partition's columns spelled out: it gets no `ADD` or `DROP COLUMN` for what the
//! parent gives it, only for what it must change to match the parent before it attaches.

use crate::change::Change;
use crate::kinds::column::{AlterColumn, AroundParent};
use crate::kinds::ConstraintKind;
use crate::schema::{Column, QualifiedName, Schema, Table};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The tables dropped and created again because how they are partitioned changes
/// (PostgreSQL cannot change a partition key, nor partition a table or stop partitioning
/// it, in place) or because they become typed by a type whose attributes their columns
/// are not (`typed.rs`), and the partitions they have that are kept by name: `DROP TABLE` takes a
/// table's partitions along, so those are created again too (and dropped first, so the
/// down file creates them again after their parent). Their indexes follow
/// (`index::diff`).
pub(crate) fn recreated(current: &Schema, desired: &Schema) -> BTreeSet<QualifiedName> {
    let mut out: BTreeSet<QualifiedName> = current
        .tables
        .values()
        .filter(|c| {
            desired.tables.get(&c.name).is_some_and(|d| {
                d.partition_by != c.partition_by
                    || super::typed::recreated_for_type(c, d, desired)
                    || super::foreign::recreated_for_server(c, d, current, desired)
            })
        })
        .map(|c| c.name.clone())
        .collect();
    loop {
        let partitions: Vec<QualifiedName> = current
            .tables
            .values()
            .filter(|c| !out.contains(&c.name) && desired.tables.contains_key(&c.name))
            .filter(|c| {
                c.partition_of
                    .as_ref()
                    .is_some_and(|p| out.contains(&p.parent))
            })
            .map(|c| c.name.clone())
            .collect();
        if partitions.is_empty() {
            return out;
        }
        out.extend(partitions);
    }
}

/// The columns `table` has as a partition of its parent in `schema` (the parent's own,
/// recursively when the parent is a partition too, with the parent's overrides), as a plain
/// table keeps them once detached: its own (`attislocal`), without an identity (PostgreSQL
/// 15 does not pass it down) or comments. `None` when `table` is not a partition of a
/// table in `schema`.
fn partition_columns(schema: &Schema, table: &Table) -> Option<Vec<Column>> {
    let parent = schema.tables.get(&table.partition_of.as_ref()?.parent)?;
    let columns = match parent.partition_of {
        Some(_) => effective_columns(schema, parent)?,
        None => parent.columns.to_vec(),
    };
    Some(
        columns
            .into_iter()
            .map(|c| Column {
                identity: None,
                comment: None,
                renamed_from: None,
                inherited: false,
                ..c
            })
            .collect(),
    )
}

/// The columns of the partition `table` with its own overrides applied (its default and
/// NOT NULL where it sets them).
pub fn effective_columns(schema: &Schema, table: &Table) -> Option<Vec<Column>> {
    let mut columns = partition_columns(schema, table)?;
    for c in &mut columns {
        if let Some(o) = table.column(&c.name) {
            c.default = o.default.clone();
            c.not_null = o.not_null;
        }
    }
    Some(columns)
}

/// The column `column` a partition `table` gets from its parent, with the parent's
/// overrides but not its own, marked `inherited`: what an override of it starts from.
pub fn parent_column(schema: &Schema, table: &Table, column: &str) -> Option<Column> {
    let c = partition_columns(schema, table)?
        .into_iter()
        .find(|c| c.name == column)?;
    Some(Column {
        inherited: true,
        ..c
    })
}

/// Keeps on each partition only the overrides that differ from what its parent gives (and
/// of columns the parent has): both the loader and the catalog list a partition's columns
/// that way.
pub fn prune_overrides(schema: &mut Schema) {
    key_columns_not_null_in_partitions(schema);
    let partitions: Vec<QualifiedName> = schema
        .tables
        .values()
        .filter(|t| t.partition_of.is_some() && !t.columns.is_empty())
        .map(|t| t.name.clone())
        .collect();
    for name in partitions {
        let t = &schema.tables[&name];
        let Some(parent) = partition_columns(schema, t) else {
            continue;
        };
        let kept: Vec<Column> = t
            .columns
            .iter()
            .filter(|o| {
                parent.iter().any(|p| {
                    p.name == o.name
                        && (p.not_null != o.not_null
                            || p.default.as_ref().map(|e| &e.key)
                                != o.default.as_ref().map(|e| &e.key))
                })
            })
            .map(|o| Column {
                inherited: true,
                ..o.clone()
            })
            .collect();
        if let Some(t) = schema.tables.get_mut(&name) {
            t.columns = kept.into();
        }
    }
}

/// The changes to a partition's overrides between two states `c` and `d` of it: an
/// `AlterColumn` of its default or NOT NULL after the parent's change of the column. A
/// default or NOT NULL the parent changes reaches its partitions over their own, so the
/// partition starts from the parent's new value; and since the down file undoes the
/// parent's change after the partition's, a second change before the parent's (from the
/// partition's own value to the parent's old one) restores the override there.
pub(super) fn diff_overrides(
    c: &Table,
    d: &Table,
    current: &Schema,
    desired: &Schema,
    out: &mut Vec<Change>,
) {
    let (Some(parent), Some(will)) = (partition_columns(desired, d), effective_columns(desired, d))
    else {
        return;
    };
    let Some(parent_name) = d.partition_of.as_ref().map(|p| p.parent.clone()) else {
        return;
    };
    let was = effective_columns(current, c).unwrap_or_default();
    let parent_was = partition_columns(current, c).unwrap_or_default();
    let mut seen: Vec<&str> = Vec::new();
    for name in c
        .columns
        .iter()
        .chain(d.columns.iter())
        .map(|x| x.name.as_str())
    {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        let find = |cols: &[Column]| cols.iter().find(|x| x.name == name).cloned();
        let (Some(p), Some(to)) = (find(&parent), find(&will)) else {
            // The parent drops the column: the override goes first, so that the down
            // file, which adds the column back, restores it after.
            if let (Some(w), Some(pw)) = (find(&was), find(&parent_was)) {
                let own = Column {
                    default: w.default,
                    not_null: w.not_null,
                    ..pw.clone()
                };
                let before = AroundParent::Before(parent_name.clone());
                push_override(&d.name, own, pw, before, out);
            }
            continue;
        };
        // With the desired type: only the default and NOT NULL are the partition's.
        let state = |from: &Column| Column {
            default: from.default.clone(),
            not_null: from.not_null,
            ..p.clone()
        };
        let (w, pw) = match (find(&was), find(&parent_was)) {
            (Some(w), Some(pw)) => (state(&w), state(&pw)),
            // The parent gains the column: the partition gets the parent's.
            _ => (p.clone(), p.clone()),
        };
        let retyped = pw.data_type != p.data_type || pw.collation != p.collation;
        let default_passed =
            pw.default != p.default || (retyped && (pw.default.is_some() || p.default.is_some()));
        let not_null_passed = pw.not_null != p.not_null;
        let passed = |own: &Column, parents: &Column| Column {
            default: if default_passed {
                parents.default.clone()
            } else {
                own.default.clone()
            },
            not_null: if not_null_passed {
                parents.not_null
            } else {
                own.not_null
            },
            ..own.clone()
        };
        let before = AroundParent::Before(parent_name.clone());
        push_override(&d.name, w.clone(), passed(&w, &pw), before, out);
        let after = AroundParent::After(parent_name.clone());
        push_override(&d.name, passed(&w, &p), to, after, out);
    }
}

/// An `AlterColumn` of the partition `table`'s override, unless its default and NOT NULL
/// stay as they are.
fn push_override(
    table: &QualifiedName,
    from: Column,
    to: Column,
    around: AroundParent,
    out: &mut Vec<Change>,
) {
    if from.default != to.default || from.not_null != to.not_null {
        out.push(Change::from(AlterColumn {
            table: table.clone(),
            from: Box::new(from),
            to: Box::new(to),
            around: Some(around),
            handover: false,
        }));
    }
}

/// `c` and `d`, two states of one table, with the columns of the side that is a partition
/// spelled out when the other side is not. A partition detached keeps the columns its
/// parent has by then (the detach runs after the parent's column changes); a table
/// attached must have the parent's columns by the time it attaches.
pub(super) fn spelled_out(
    c: &Table,
    d: &Table,
    current: &Schema,
    desired: &Schema,
) -> (Table, Table) {
    let (mut c, mut d) = (c.clone(), d.clone());
    match (c.partition_of.is_some(), d.partition_of.is_some()) {
        (true, false) => {
            // The parent as it will be, or as it is when it goes away.
            if let Some(columns) =
                effective_columns(desired, &c).or_else(|| effective_columns(current, &c))
            {
                c.columns = columns.into();
            }
            // The detach leaves the parent's CHECKs on it as its own: those it keeps are
            // there already (the others, the detach's clean-up drops).
            let parent = c
                .partition_of
                .as_ref()
                .and_then(|p| current.tables.get(&p.parent));
            spell_out_checks(&mut c, parent, &d);
        }
        (false, true) => {
            if let Some(columns) = effective_columns(desired, &d) {
                d.columns = columns.into();
            }
            // The parent's CHECKs it has already become the parent's on it when it
            // attaches: they stay (the attach adds those it lacks).
            let parent = d
                .partition_of
                .as_ref()
                .and_then(|p| desired.tables.get(&p.parent));
            spell_out_checks(&mut d, parent, &c);
        }
        (true, true) => {
            // Their overrides are compared by `diff_overrides`.
            c.columns = Arc::default();
            d.columns = Arc::default();
        }
        (false, false) => {}
    }
    (c, d)
}

/// Gives the partition side `partition` of an attach or detach the CHECKs of its `parent`
/// (inherited ones, not `NO INHERIT`) that the plain side `plain` has under their names.
fn spell_out_checks(partition: &mut Table, parent: Option<&Table>, plain: &Table) {
    let checks = (parent.into_iter().flat_map(|p| p.constraints.values()))
        .filter(|k| k.kind.is_inherited_check())
        .filter(|k| plain.constraints.contains_key(k.name.as_str()))
        .filter(|k| !partition.constraints.contains_key(k.name.as_str()))
        .cloned()
        .collect::<Vec<_>>();
    for k in checks {
        partition.constraints_mut().insert(k.name.clone(), k);
    }
}

/// Makes the columns of an ancestor's primary key NOT NULL in every partition, as
/// PostgreSQL does when the key is added to a table that has partitions already (a
/// partition created after it copies the parent's NOT NULL anyway). A file that adds the
/// key after its partitions otherwise leaves them a NOT NULL override they cannot have.
fn key_columns_not_null_in_partitions(schema: &mut Schema) {
    let mut set: Vec<(QualifiedName, String)> = Vec::new();
    for t in schema.tables.values() {
        let mut parent = t.partition_of.as_ref().map(|p| &p.parent);
        let mut depth = 0;
        while let Some(p) = parent.and_then(|p| schema.tables.get(p)) {
            for c in p.constraints.values() {
                if let ConstraintKind::PrimaryKey { columns, .. } = &c.kind {
                    set.extend(columns.iter().map(|col| (t.name.clone(), col.clone())));
                }
            }
            parent = p.partition_of.as_ref().map(|p| &p.parent);
            depth += 1;
            if depth > schema.tables.len() {
                break;
            }
        }
    }
    for (table, column) in set {
        if let Some(c) = schema
            .tables
            .get_mut(&table)
            .and_then(|t| t.column_mut(&column))
        {
            c.not_null = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Column, PartitionOf, Table};
    use insta::assert_snapshot;

    fn parent(columns: Vec<Column>) -> Table {
        Table {
            partition_by: Some("RANGE (id)".into()),
            ..table("t", columns)
        }
    }

    fn partition(name: &str) -> Table {
        Table {
            partition_of: Some(PartitionOf {
                parent: qn("t"),
                bound: "FOR VALUES FROM (0) TO (10)".into(),
            }),
            ..table(name, Vec::<Column>::new())
        }
    }

    #[test]
    fn a_parents_key_makes_its_columns_not_null_in_every_partition() {
        // The file adds the key after the partitions, which still hold the nullable copy
        // they were created with: the copy is no override, since PostgreSQL sets NOT NULL
        // on them when the key comes. A nested partition is reached too.
        let nullable = col("id", "integer");
        let not_null = Column {
            not_null: true,
            ..col("id", "integer")
        };
        let copy = |name: &str, parent: &str| Table {
            partition_of: Some(PartitionOf {
                parent: qn(parent),
                bound: "FOR VALUES FROM (0) TO (10)".into(),
            }),
            partition_by: (name == "p").then(|| "RANGE (id)".to_string()),
            ..table(name, [nullable.clone()])
        };
        let mut s = schema()
            .with(parent(vec![not_null]).with(pk("t_pkey", &["id"])))
            .with(copy("p", "t"))
            .with(copy("p1", "p"));
        crate::kinds::prune_overrides(&mut s);
        assert!(s.tables[&qn("p")].columns.is_empty());
        assert!(s.tables[&qn("p1")].columns.is_empty());
    }

    #[test]
    fn a_detached_partition_keeps_the_parents_columns_without_adding_them() {
        // `p` leaves while the parent gains `x`: the detach runs after the parent's
        // `ADD COLUMN`, so `p` has `x` already and gets no column change of its own.
        let current = schema()
            .with(parent(vec![col("id", "integer")]))
            .with(partition("p"));
        let desired = schema()
            .with(parent(vec![col("id", "integer"), col("x", "text")]))
            .with(table("p", [col("id", "integer"), col("x", "text")]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_partition_goes_after_the_foreign_keys_to_its_parent() {
        let keyed = parent(vec![col("id", "integer")]).with(pk("t_pkey", &["id"]));
        let referencing =
            table("r", [col("t_id", "integer")]).with(fk("r_fk", &["t_id"], "t", &["id"]));
        let current = schema()
            .with(keyed.clone())
            .with(partition("p"))
            .with(referencing);
        let desired = schema().with(keyed);
        let plan = planned(&current, &desired);
        let drops: Vec<&str> = plan
            .lines()
            .filter(|l| l.starts_with("drop_table"))
            .collect();
        assert_eq!(drops.len(), 2, "{plan}");
        assert!(drops[0].contains(r#""name":"public.r""#), "{plan}");
    }

    #[test]
    fn an_attached_table_is_given_the_parents_columns_before_it_attaches() {
        // `p` has `id` and `old`: it loses `old` and gains `x` as a table, then attaches;
        // it never loses `id`, which the parent gives it too.
        let current = schema()
            .with(parent(vec![col("id", "integer"), col("x", "text")]))
            .with(table("p", [col("id", "integer"), col("old", "text")]));
        let desired = schema()
            .with(parent(vec![col("id", "integer"), col("x", "text")]))
            .with(partition("p"));
        assert_snapshot!(planned(&current, &desired));
    }
}
