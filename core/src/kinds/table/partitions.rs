//! The columns of partitions. A partition's columns are its parent's: PostgreSQL passes
//! every column the parent adds, drops or alters down to it, so the IR lists none of them
//! on the partition (`Table::columns` of a partition is empty). A table that becomes a
//! partition (`ATTACH PARTITION`) or stops being one (`DETACH PARTITION`) is compared with
//! its partition's columns spelled out: it gets no `ADD` or `DROP COLUMN` for what the
//! parent gives it, only for what it must change to match the parent before it attaches.

use crate::schema::{Column, QualifiedName, Schema, Table};
use std::collections::BTreeSet;

/// The tables dropped and created again because how they are partitioned changes
/// (PostgreSQL cannot change a partition key, nor partition a table or stop partitioning
/// it, in place), and the partitions they have that are kept by name: `DROP TABLE` takes a
/// table's partitions along, so those are created again too (and dropped first, so the
/// down file creates them again after their parent). Their indexes follow
/// (`index::diff`).
pub(crate) fn recreated(current: &Schema, desired: &Schema) -> BTreeSet<QualifiedName> {
    let mut out: BTreeSet<QualifiedName> = current
        .tables
        .values()
        .filter(|c| {
            desired
                .tables
                .get(&c.name)
                .is_some_and(|d| d.partition_by != c.partition_by)
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
/// recursively when the parent is a partition too), as a plain table keeps them once
/// detached: its own (`attislocal`), without an identity (PostgreSQL 15 does not pass it
/// down) or comments. `None` when `table` is not a partition of a table in `schema`.
fn partition_columns(schema: &Schema, table: &Table) -> Option<Vec<Column>> {
    let parent = schema.tables.get(&table.partition_of.as_ref()?.parent)?;
    let columns = match parent.partition_of {
        Some(_) => partition_columns(schema, parent)?,
        None => parent.columns.clone(),
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
                partition_columns(desired, &c).or_else(|| partition_columns(current, &c))
            {
                c.columns = columns;
            }
        }
        (false, true) => {
            if let Some(columns) = partition_columns(desired, &d) {
                d.columns = columns;
            }
        }
        (true, true) | (false, false) => {}
    }
    (c, d)
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
