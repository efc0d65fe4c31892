//! Indexes of partitions that a partitioned parent's index owns.
//!
//! An index on a partitioned table has one index on each partition, attached to it: one
//! PostgreSQL builds itself (and names, `visits_q1_page_idx1` when that name is taken), or
//! a partition's own matching index that `CREATE INDEX` on the parent adopts, that `ALTER
//! INDEX parent ATTACH PARTITION child` attaches (pg_dump's form, after `CREATE INDEX …
//! ON ONLY`), or that a table brings along when it attaches as a partition. Either way
//! the partition's index belongs to the parent's: it goes with it and is not an index of
//! its own. The catalog leaves attached indexes out (`pg_inherits`), and so does the
//! loader: an attached index leaves `Schema::indexes`, and its name is PostgreSQL's
//! business, never compared.

use crate::load::{does_not_exist, Loader, R};
use migrator_core::kinds::same_definition;
use migrator_core::schema::{Constraint, Index, QualifiedName};
use pg_query::protobuf::{self as pb, node::Node as N};

impl Loader {
    /// `ALTER INDEX parent ATTACH PARTITION child`: `child` becomes part of `parent`.
    pub(crate) fn attach_index(
        &mut self,
        s: &pb::AlterTableStmt,
        cmd: &pb::AlterTableCmd,
    ) -> R<()> {
        let index_name = |l: &Loader, rv: &pb::RangeVar| {
            l.resolve(&rv.schemaname, &rv.relname, |q| {
                l.schema.indexes.contains_key(q) || l.key_of_index(q).is_some()
            })
        };
        let parent = index_name(
            self,
            s.relation.as_ref().ok_or("ALTER INDEX without a name")?,
        );
        let Some(N::PartitionCmd(pc)) = cmd.def.as_deref().and_then(|d| d.node.as_ref()) else {
            return Err("ATTACH PARTITION without an index".into());
        };
        let child = index_name(
            self,
            pc.name
                .as_ref()
                .ok_or("ATTACH PARTITION without an index")?,
        );
        let Some(p) = self.schema.indexes.get(&parent) else {
            return self.attach_to_key(&parent, &child);
        };
        let Some(c) = self.schema.indexes.get(&child) else {
            return self.attach_key_index(&parent, &child);
        };
        self.partition_of(&c.table, &p.table, &child)?;
        if !same_definition(p, c) {
            return Err(format!(
                "cannot attach index {child} to {parent}: the index definitions do not match"
            ));
        }
        self.schema.indexes.remove(&child);
        Ok(())
    }

    /// `ALTER INDEX parent ATTACH PARTITION child` where `child` is the index of a partition's
    /// primary key, unique or exclusion constraint (`ADD CONSTRAINT … USING INDEX` made it
    /// so): the constraint stays the partition's, as the catalog shows it, and the parent's
    /// index adopts its index when it is built after it.
    fn attach_key_index(&self, parent: &QualifiedName, child: &QualifiedName) -> R<()> {
        let p = self
            .schema
            .indexes
            .get(parent)
            .ok_or_else(|| does_not_exist("index", parent))?;
        let partition = self
            .key_of_index(child)
            .ok_or_else(|| does_not_exist("index", child))?;
        self.partition_of(&partition, &p.table, child)
    }

    /// `ALTER INDEX parent ATTACH PARTITION child` where `parent` is the index of a key
    /// (primary key, unique, exclusion) of a partitioned table, pg_dump's form after `ALTER
    /// TABLE ONLY … ADD CONSTRAINT`: `child` must be the index of the same key on one of its
    /// partitions, which then becomes the parent's (`conparentid`), as if the parent's key
    /// had been added without `ONLY`. The catalog leaves such keys out, and so does the
    /// loader.
    fn attach_to_key(&mut self, parent: &QualifiedName, child: &QualifiedName) -> R<()> {
        let (table, key) = self
            .key_and_table(parent)
            .ok_or_else(|| does_not_exist("index", parent))?;
        let (partition, own) = self.key_and_table(child).ok_or_else(|| {
            format!(
                "cannot attach index {child} as a partition of index {parent}: index {parent} belongs to a constraint in table {table} but no constraint exists for index {child}"
            )
        })?;
        self.partition_of(&partition, &table, child)?;
        if own.kind != key.kind {
            return Err(format!(
                "cannot attach index {child} to {parent}: the index definitions do not match"
            ));
        }
        if let Some(t) = self.schema.tables.get_mut(&partition) {
            std::sync::Arc::make_mut(&mut t.constraints).remove(&own.name);
        }
        Ok(())
    }

    /// Refuses, as PostgreSQL does, to attach index `child` of `table` to an index of
    /// `parent` unless `table` is a partition of `parent`.
    fn partition_of(
        &self,
        table: &QualifiedName,
        parent: &QualifiedName,
        child: &QualifiedName,
    ) -> R<()> {
        let of = self
            .schema
            .tables
            .get(table)
            .and_then(|t| t.partition_of.as_ref());
        if of.map(|p| &p.parent) != Some(parent) {
            return Err(format!(
                "cannot attach index {child}: table {table} is not a partition of {parent}"
            ));
        }
        Ok(())
    }

    /// The table and the key constraint whose index is `index`.
    fn key_and_table(&self, index: &QualifiedName) -> Option<(QualifiedName, Constraint)> {
        let table = self.key_of_index(index)?;
        let key = self
            .schema
            .tables
            .get(&table)?
            .constraints
            .get(&index.name)?;
        Some((table, key.clone()))
    }

    /// What `CREATE INDEX` on a partitioned `table` (not `ONLY`) does to its partitions:
    /// each one's own index that matches `index` is adopted (PostgreSQL builds one for the
    /// others), recursively through partitions that are partitioned themselves.
    pub(crate) fn adopt_partition_indexes(&mut self, table: &QualifiedName, index: &Index) {
        // Only a partitioned table has partitions (`CREATE TABLE … PARTITION OF` refuses
        // any other parent): the others' indexes skip a scan of every table, which made
        // loading quadratic in the number of tables.
        let partitioned = self
            .schema
            .tables
            .get(table)
            .is_some_and(|t| t.partition_by.is_some());
        if !partitioned {
            return;
        }
        let partitions = self.partitions_of(table);
        for partition in partitions {
            self.adopt_matching_index(&partition, index);
            self.adopt_partition_indexes(&partition, index);
        }
    }

    /// A table attached as a partition of `parent`: for each index of the parent, its own
    /// matching index is adopted.
    pub(crate) fn adopt_indexes_of_attached(
        &mut self,
        parent: &QualifiedName,
        child: &QualifiedName,
    ) {
        let parents: Vec<Index> = self
            .schema
            .indexes
            .values()
            .filter(|i| i.table == *parent)
            .cloned()
            .collect();
        for index in &parents {
            self.adopt_matching_index(child, index);
        }
    }

    /// Removes the first index of `partition` (in name order) with `index`'s definition.
    fn adopt_matching_index(&mut self, partition: &QualifiedName, index: &Index) {
        let matching = self
            .schema
            .indexes
            .values()
            .find(|i| i.table == *partition && same_definition(index, i))
            .map(|i| i.name.clone());
        if let Some(name) = matching {
            self.schema.indexes.remove(&name);
        }
    }
}
