//! Loading this kind from parsed SQL statements.
//!
//! `CREATE TABLE` (columns, constraints, `PARTITION BY`/`PARTITION OF`, `INHERITS`, the
//! `-- migrator:renamed-from` annotation), the table-level sub-commands of `ALTER TABLE`
//! (partitions, inheritance, row security), `DROP TABLE [CASCADE]`, `COMMENT ON TABLE`,
//! `ALTER TABLE … RENAME TO` and the relations `GRANT` names. Children of a parent take its
//! column changes, as PostgreSQL passes them down.

use crate::kinds::constraint::load::drop_duplicate_keys;
use crate::kinds::privilege::load::Grantable;
use crate::load::names::{constraint_names, index_backed_names};
use crate::load::{
    alter_name, leading_comments_end, renamed_from, string_node, AlterCmd, Commented, Dropped,
    Loader, Lookup, R,
};
use crate::{column_refs, expr_sites};
use migrator_core::references::Site;
use migrator_core::schema::*;
use pg_query::protobuf::{
    self as pb, node::Node as N, AlterTableType as At, Node, ObjectType as Ot,
};

impl Loader {
    /// `CREATE TABLE`: columns, constraints, partitioning, inheritance and the
    /// renamed-from annotation.
    pub(crate) fn create_table(&mut self, s: &pb::CreateStmt) -> R<()> {
        let rv = s.relation.as_ref().ok_or("CREATE TABLE without a name")?;
        if rv.relpersistence == "t" {
            self.warn("skipped: temporary tables are not part of a schema");
            return Ok(());
        }
        let name = self.new_name(rv);
        if self.schema.tables.contains_key(&name) {
            if s.if_not_exists {
                return Ok(());
            }
            return Err(format!("table {name} already exists"));
        }
        let mut table = Table::new(name.clone());
        if let Some(ty) = &s.of_typename {
            self.typed_table(&mut table, ty)?;
        }
        table.storage_parameters = storage_parameters(&s.options);
        table.unlogged = rv.relpersistence == "u";
        if let Some(bound) = &s.partbound {
            let parent = match s.inh_relations.first().and_then(|n| n.node.as_ref()) {
                Some(N::RangeVar(rv)) => self.table_name(rv),
                _ => return Err("PARTITION OF without a parent".into()),
            };
            let p = self.schema.tables.existing(&parent, "table")?;
            if p.partition_by.is_none() {
                return Err(format!("table {parent} is not partitioned"));
            }
            table.partition_of = Some(PartitionOf {
                parent,
                bound: crate::kinds::table::partition::bound(bound)?,
            });
            // Every column as an override for now: the column options and keys below set
            // them, and `Loader::finish` keeps those that differ from the parent.
            table.columns = partition_overrides(&self.schema, &table).into();
        }
        if s.partbound.is_none() {
            for n in &s.inh_relations {
                let Some(N::RangeVar(rv)) = &n.node else {
                    continue;
                };
                let parent = self.table_name(rv);
                self.inherit_columns(&mut table, &parent)?;
                table.inherits.push(parent);
            }
        }
        // The line of the opening parenthesis, past the comments before the statement
        // (which may hold parentheses of their own).
        let body = leading_comments_end(&self.statement);
        let head_end =
            self.statement[body..]
                .find('(')
                .map(|i| body + i)
                .map_or(self.statement.len(), |i| {
                    self.statement[i..]
                        .find('\n')
                        .map_or(self.statement.len(), |n| i + n)
                });
        table.renamed_from = renamed_from(&self.statement[..head_end]);
        let mut pending: Vec<(pb::Constraint, Option<String>)> = Vec::new();
        let mut serials = Vec::new();
        let mut likes = Vec::new();
        for elt in &s.table_elts {
            match &elt.node {
                Some(N::ColumnDef(cd)) if table.partition_of.is_some() => {
                    let refusal =
                        "a partition's column cannot be made an identity or generated one";
                    let cons = self.partition_column_options(&mut table, cd, refusal)?;
                    pending.extend(cons.into_iter().map(|c| (c, Some(cd.colname.clone()))));
                }
                Some(N::ColumnDef(cd)) if table.of_type.is_some() => {
                    let refusal =
                        "identity and generated columns of a typed table are not supported yet";
                    let cons = self.partition_column_options(&mut table, cd, refusal)?;
                    pending.extend(cons.into_iter().map(|c| (c, Some(cd.colname.clone()))));
                }
                Some(N::ColumnDef(cd)) => {
                    let merged = match table.column(&cd.colname) {
                        Some(c) if c.inherited => Some(c.clone()),
                        Some(_) => {
                            return Err(format!("column {} specified more than once", cd.colname))
                        }
                        None => None,
                    };
                    let (mut col, cons, serial) = self.column_def(&name, cd)?;
                    col.renamed_from = self.column_annotation(cd.location);
                    if let Some(inh) = merged {
                        // Declared here and inherited: one column, local.
                        if inh.data_type != col.data_type {
                            return Err(format!(
                                "column {} has a type conflict: {} versus {}",
                                cd.colname, inh.data_type, col.data_type
                            ));
                        }
                        col.not_null |= inh.not_null;
                        if col.default.is_none() {
                            col.default = inh.default.clone();
                        }
                        if col.storage.is_none() {
                            col.storage = inh.storage.clone();
                        }
                        let c = table.column_mut(&cd.colname).ok_or("no such column")?;
                        *c = col;
                    } else {
                        table.columns_mut().push(col);
                    }
                    pending.extend(cons.into_iter().map(|c| (c, Some(cd.colname.clone()))));
                    serials.extend(serial);
                }
                Some(N::Constraint(c)) => pending.push((c.as_ref().clone(), None)),
                Some(N::TableLikeClause(clause)) => {
                    likes.push(self.like_columns(&mut table, clause)?)
                }
                _ => return Err("unexpected element in CREATE TABLE".into()),
            }
        }
        if let Some(spec) = &s.partspec {
            // After the columns: a cast of a column to its own type is the column.
            let column_type = |c: &str| table.column(c).map(|c| c.data_type.clone());
            table.partition_by = Some(crate::kinds::table::partition::key(spec, &column_type)?);
        }
        drop_duplicate_keys(&mut pending);
        for (c, column) in pending {
            self.add_constraint(&mut table, &c, column.as_deref())?;
        }
        // A LIKE clause's constraints and indexes come after the statement's own keys.
        let (mut indexes, mut statistics) = (Vec::new(), Vec::new());
        for like in &likes {
            indexes.extend(self.like_expand(&mut table, like)?);
            self.like_statistics(&table, like, &mut statistics);
        }
        self.put_table(name, table);
        for index in indexes {
            self.schema.indexes.insert(index.name.clone(), index);
        }
        for s in statistics {
            self.schema.statistics.insert(s.name.clone(), s);
        }
        for seq in serials {
            self.schema.sequences.insert(seq.name.clone(), seq);
        }
        Ok(())
    }

    /// Adds the columns of `parent` to `table` as inherited ones (merged with any already
    /// there from another parent).
    pub(crate) fn inherit_columns(&mut self, table: &mut Table, parent: &QualifiedName) -> R<()> {
        let p = self.schema.tables.existing(parent, "relation")?;
        if p.partition_by.is_some() {
            return Err(format!("cannot inherit from partitioned table {parent}"));
        }
        for pc in p.columns.iter() {
            if let Some(existing) = table.column_mut(&pc.name) {
                if existing.data_type != pc.data_type {
                    return Err(format!(
                        "inherited column {} has a type conflict: {} versus {}",
                        pc.name, existing.data_type, pc.data_type
                    ));
                }
                existing.not_null |= pc.not_null;
                continue;
            }
            table.columns_mut().push(inherited_copy(pc, None));
        }
        self.inheritance = true;
        Ok(())
    }

    /// Makes the children of `parent` (and theirs) match its columns again, as PostgreSQL
    /// passes column changes down: new columns appear, dropped ones that were only
    /// inherited go, and inherited ones take the parent's definition.
    pub(crate) fn sync_children(&mut self, parent: &QualifiedName) {
        self.sync_children_since(parent, None)
    }

    /// [`Loader::sync_children`] after a statement that found `parent` with the columns
    /// `before`: an inherited column keeps the default and NOT NULL the child gave it
    /// unless the parent's changed (a parent's `ADD CONSTRAINT` leaves them alone, its
    /// `SET DEFAULT` passes down).
    pub(crate) fn sync_children_since(
        &mut self,
        parent: &QualifiedName,
        before: Option<&[Column]>,
    ) {
        if !self.inheritance {
            return;
        }
        let children: Vec<QualifiedName> = self
            .schema
            .tables
            .values()
            .filter(|t| t.inherits.contains(parent))
            .map(|t| t.name.clone())
            .collect();
        for child in children {
            let mut t = self.schema.tables[&child].clone();
            let child_before = t.columns.clone();
            let parents: Vec<Table> = t
                .inherits
                .iter()
                .filter_map(|p| self.schema.tables.get(p).cloned())
                .collect();
            t.columns_mut()
                .retain(|c| !c.inherited || parents.iter().any(|p| p.column(&c.name).is_some()));
            for p in &parents {
                // Other parents did not change.
                let old = if p.name == *parent {
                    before
                } else {
                    Some(&p.columns[..])
                };
                for pc in p.columns.iter() {
                    let was = old.map(|o| o.iter().find(|x| x.name == pc.name));
                    match t.column_mut(&pc.name) {
                        Some(c) if c.inherited => *c = resynced(c, pc, was),
                        Some(_) => {}
                        None => t.columns_mut().push(inherited_copy(pc, None)),
                    }
                }
            }
            self.schema.tables.insert(child.clone(), t);
            self.sync_children_since(&child, Some(&child_before));
        }
    }

    /// The partitions of `table` (not theirs).
    pub(crate) fn partitions_of(&self, table: &QualifiedName) -> Vec<QualifiedName> {
        self.schema
            .tables
            .values()
            .filter(|t| t.partition_of.as_ref().is_some_and(|p| p.parent == *table))
            .map(|t| t.name.clone())
            .collect()
    }

    /// Inserts (or replaces) a table, keeping the relation-name cache current.
    pub(crate) fn put_table(&mut self, name: QualifiedName, table: Table) {
        if let Some(cache) = self.constraint_relations.get_mut() {
            cache.extend(index_backed_names(&table));
        }
        if let Some(cache) = self.constraint_names.get_mut() {
            cache.extend(constraint_names(&table));
        }
        self.schema.tables.insert(name, table);
    }

    /// `ALTER TABLE … ATTACH | DETACH PARTITION`.
    pub(crate) fn attach_or_detach_partition(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let Some(N::PartitionCmd(pc)) = a.def else {
            return Err("ATTACH/DETACH PARTITION without a partition".into());
        };
        let child = self.table_name(
            pc.name
                .as_ref()
                .ok_or("ATTACH/DETACH PARTITION without a partition")?,
        );
        let partition_of = match (&pc.bound, a.sub == At::AtAttachPartition) {
            (Some(b), true) => Some(PartitionOf {
                parent: a.table.clone(),
                bound: crate::kinds::table::partition::bound(b)?,
            }),
            _ => None,
        };
        self.schema.tables.existing(&child, "table")?;
        // A detached partition keeps the columns and constraints it inherited, with its own
        // defaults and NOT NULL (those of its keys too); an attached table keeps its columns
        // as they are, which `prune_overrides` reduces to what differs from its parent's.
        let columns = match partition_of {
            None => Some(
                migrator_core::kinds::effective_columns(&self.schema, &self.schema.tables[&child])
                    .unwrap_or_else(|| self.schema.tables[a.table].columns.to_vec()),
            ),
            Some(_) => None,
        };
        let attached = partition_of.is_some();
        // The parent's CHECKs: an attached table must have them under their names, and
        // they become the parent's on it (`conislocal` false), as PostgreSQL merges them;
        // a detached one keeps them as its own.
        let checks: Vec<Constraint> = (self.schema.tables[a.table].constraints.values())
            .filter(|k| k.kind.is_inherited_check())
            .cloned()
            .collect();
        let t = self.schema.tables.existing_mut(&child, "table")?;
        for k in checks {
            let had = t.constraints_mut().remove(k.name.as_str()).is_some();
            if attached && !had {
                return Err(format!("child table is missing constraint \"{}\"", k.name));
            }
            if !attached {
                t.constraints_mut().insert(k.name.clone(), k);
            }
        }
        if let Some(columns) = columns {
            t.columns = columns.into();
        }
        t.partition_of = partition_of;
        if attached {
            self.adopt_indexes_of_attached(a.table, &child);
        }
        Ok(())
    }

    /// `ALTER TABLE … ENABLE | DISABLE | [NO] FORCE ROW LEVEL SECURITY`.
    pub(crate) fn set_row_security(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let t = self.altered_table(a)?;
        let (flag, on) = match a.sub {
            At::AtEnableRowSecurity => (&mut t.row_security, true),
            At::AtDisableRowSecurity => (&mut t.row_security, false),
            At::AtForceRowSecurity => (&mut t.force_row_security, true),
            At::AtNoForceRowSecurity => (&mut t.force_row_security, false),
            other => {
                return Err(format!(
                    "ALTER TABLE {} is not row security",
                    alter_name(other)
                ))
            }
        };
        *flag = on;
        Ok(())
    }

    /// The parent an `INHERIT` / `NO INHERIT` names, and a copy of the table to change.
    fn inherit_parent(&self, a: &AlterCmd<'_>) -> R<(QualifiedName, Table)> {
        let Some(N::RangeVar(rv)) = a.def else {
            return Err("INHERIT without a parent".into());
        };
        Ok((self.table_name(rv), self.schema.tables[a.table].clone()))
    }

    /// `ALTER TABLE … INHERIT parent`: the table must have the parent's columns.
    pub(crate) fn add_inherit(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let (parent, mut table) = self.inherit_parent(a)?;
        let p = self.schema.tables.existing(&parent, "relation")?;
        if let Some(missing) = p.columns.iter().find(|c| table.column(&c.name).is_none()) {
            return Err(format!("child table is missing column {}", missing.name));
        }
        if table.inherits.contains(&parent) {
            return Err(format!(
                "relation {parent} would be inherited more than once"
            ));
        }
        table.inherits.push(parent);
        self.inheritance = true;
        self.schema.tables.insert(a.table.clone(), table);
        Ok(())
    }

    /// `ALTER TABLE … NO INHERIT parent`.
    pub(crate) fn drop_inherit(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let (parent, mut table) = self.inherit_parent(a)?;
        if !table.inherits.contains(&parent) {
            return Err(format!(
                "relation {parent} is not a parent of relation {}",
                a.table
            ));
        }
        table.inherits.retain(|p| *p != parent);
        // Columns no other parent provides become the table's own.
        let others: Vec<Table> = table
            .inherits
            .iter()
            .filter_map(|p| self.schema.tables.get(p).cloned())
            .collect();
        for c in table.columns_mut().iter_mut().filter(|c| c.inherited) {
            if !others.iter().any(|p| p.column(&c.name).is_some()) {
                c.inherited = false;
            }
        }
        self.schema.tables.insert(a.table.clone(), table);
        Ok(())
    }

    /// `ALTER TABLE … CLUSTER ON index` (an index of the table, or a key's) / `SET WITHOUT
    /// CLUSTER`.
    pub(crate) fn set_cluster_on(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let on = if a.sub == At::AtClusterOn {
            let index = QualifiedName::new(a.table.schema.clone(), a.cmd.name.clone());
            let is_key = self.schema.tables[a.table]
                .constraints
                .contains_key(&a.cmd.name);
            let is_index = self
                .schema
                .indexes
                .get(&index)
                .is_some_and(|i| i.table == *a.table);
            if !is_key && !is_index {
                return Err(format!(
                    "CLUSTER ON: {index} is not an index of table {}",
                    a.table
                ));
            }
            Some(a.cmd.name.clone())
        } else {
            None
        };
        self.altered_table(a)?.cluster_on = on;
        Ok(())
    }

    /// The table an `ALTER TABLE` sub-command changes, or the error that it does not exist.
    pub(crate) fn altered_table(&mut self, a: &AlterCmd<'_>) -> R<&mut Table> {
        self.schema.tables.existing_mut(a.table, "table")
    }

    /// `ALTER TABLE … SET LOGGED | SET UNLOGGED`.
    pub(crate) fn set_logged(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let t = self.altered_table(a)?;
        t.unlogged = a.sub == At::AtSetUnLogged;
        Ok(())
    }

    /// `ALTER TABLE … REPLICA IDENTITY`: `USING INDEX` names a unique index of the table or
    /// the index of one of its keys.
    pub(crate) fn set_replica_identity(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let Some(N::ReplicaIdentityStmt(r)) = a.def else {
            return Err("REPLICA IDENTITY without a definition".into());
        };
        let identity = match r.identity_type.as_str() {
            "d" => ReplicaIdentity::Default,
            "f" => ReplicaIdentity::Full,
            "n" => ReplicaIdentity::Nothing,
            "i" => {
                let index = QualifiedName::new(a.table.schema.clone(), r.name.clone());
                let t = &self.schema.tables[a.table];
                let is_key = t.constraints.get(&r.name).is_some_and(|k| {
                    matches!(
                        k.kind,
                        ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }
                    )
                });
                let is_index = self
                    .schema
                    .indexes
                    .get(&index)
                    .is_some_and(|i| i.table == *a.table && i.unique);
                if !is_key && !is_index {
                    return Err(format!(
                        "REPLICA IDENTITY USING INDEX: {index} is not a unique index of table {}",
                        a.table
                    ));
                }
                ReplicaIdentity::Index(r.name.clone())
            }
            other => return Err(format!("unknown REPLICA IDENTITY {other:?}")),
        };
        self.altered_table(a)?.replica_identity = identity;
        Ok(())
    }

    /// `ALTER TABLE … SET (name = value, …)` and `RESET (name, …)`.
    pub(crate) fn set_storage_parameters(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let Some(N::List(l)) = a.def else {
            return Err("SET/RESET without storage parameters".into());
        };
        let given = storage_parameters(&l.items);
        let t = self.altered_table(a)?;
        set_or_reset(
            &mut t.storage_parameters,
            given,
            a.sub == At::AtResetRelOptions,
        );
        Ok(())
    }

    /// `DROP TABLE`: its indexes, triggers, policies and owned sequences go with it; with
    /// `CASCADE` also its children, the views that read it and the foreign keys to it.
    pub(crate) fn drop_table(&mut self, d: &Dropped<'_>) -> R<()> {
        let q = self.qualified(&d.names, |q| self.schema.tables.contains_key(q))?;
        let children: Vec<QualifiedName> = self
            .schema
            .tables
            .values()
            .filter(|t| t.inherits.contains(&q))
            .map(|t| t.name.clone())
            .collect();
        if let Some(child) = children.first() {
            if !d.cascade {
                return Err(format!(
                    "cannot drop table {q} because table {child} inherits from it"
                ));
            }
            for child in &children {
                let drop_child = pb::DropStmt {
                    objects: vec![pb::Node {
                        node: Some(N::List(pb::List {
                            items: vec![string_node(&child.schema), string_node(&child.name)],
                        })),
                    }],
                    ..d.stmt.clone()
                };
                self.drop(&drop_child)?;
            }
        }
        if !d.removed(&mut self.schema.tables, &q, "table")? {
            return Ok(());
        }
        self.schema.drop_relation(&q, d.cascade);
        Ok(())
    }

    /// `COMMENT ON TABLE`.
    pub(crate) fn comment_table(&mut self, c: &Commented<'_>) -> R<()> {
        let q = self.qualified(&c.names, |q| self.schema.tables.contains_key(q))?;
        c.set_on(&mut self.schema.tables, &q, "table")
    }

    /// `ALTER TABLE … RENAME TO`: everything that names the table follows
    /// ([`Schema::rename_relation`](migrator_core::schema::Schema::rename_relation)), and the
    /// views that read it are derived again from their renamed queries.
    pub(crate) fn rename_table(&mut self, s: &pb::RenameStmt) -> R<()> {
        let q = self.table_name(s.relation.as_ref().ok_or("RENAME without a table")?);
        self.schema.tables.existing_mut(&q, "table")?;
        let nq = QualifiedName::new(q.schema.clone(), s.newname.clone());
        let rename = |n: &mut Node| column_refs::rename_relation(n, &q.schema, &q.name, &nq.name);
        let rewrite =
            |site: Site, e: &Expr| expr_sites::rewrite(site, e, &q.schema, &mut { rename });
        self.schema.rename_relation(&q, &nq, &rewrite);
        self.rederive_views(&nq, &mut { rename })
    }

    /// The relation `GRANT … ON TABLE | SEQUENCE` names: a table, a view or a sequence
    /// (either spelling accepts each); one not defined here is skipped.
    pub(crate) fn grant_target_relation(&mut self, o: &Node) -> Grantable {
        let Some(N::RangeVar(rv)) = &o.node else {
            return Grantable::Unmanaged;
        };
        let name = self.resolve(&rv.schemaname, &rv.relname, |q| {
            self.schema.tables.contains_key(q)
                || self.schema.views.contains_key(q)
                || self.schema.sequences.contains_key(q)
        });
        if self.schema.sequences.contains_key(&name) {
            Grantable::Object(PrivilegeObject::Sequence { name })
        } else if self.schema.tables.contains_key(&name) || self.schema.views.contains_key(&name) {
            Grantable::Object(PrivilegeObject::Relation { name })
        } else {
            self.warn(format!(
                "skipped: GRANT/REVOKE on {name}, which is not defined"
            ));
            Grantable::Skipped
        }
    }

    /// `GRANT … ON ALL TABLES IN SCHEMA`: the tables and views there now.
    pub(crate) fn relations_in_schema(&self, schema: &str, _: Ot) -> Vec<PrivilegeObject> {
        self.schema
            .tables
            .keys()
            .chain(self.schema.views.keys())
            .filter(|q| q.schema == schema)
            .map(|q| PrivilegeObject::Relation { name: q.clone() })
            .collect()
    }
}

/// Every column the partition `table` takes from its parent, as an override of its own.
fn partition_overrides(schema: &Schema, table: &Table) -> Vec<Column> {
    let Some(parent) = table
        .partition_of
        .as_ref()
        .and_then(|p| schema.tables.get(&p.parent))
    else {
        return Vec::new();
    };
    let mut names: Vec<String> = parent.columns.iter().map(|c| c.name.clone()).collect();
    if parent.partition_of.is_some() {
        names = partition_overrides(schema, parent)
            .into_iter()
            .map(|c| c.name)
            .collect();
    }
    names
        .iter()
        .filter_map(|n| migrator_core::kinds::parent_column(schema, table, n))
        .collect()
}

/// A copy of a parent's column as a child inherits it (identity is not inherited).
/// A child's inherited column `own` after its parent's column became `parent`: the
/// parent's, but with the child's own default and NOT NULL where the parent's did not
/// change from `was` (`Some(None)`: the parent had no such column; `None`: not known,
/// the parent's then).
fn resynced(own: &Column, parent: &Column, was: Option<Option<&Column>>) -> Column {
    let mut fresh = inherited_copy(parent, own.comment.clone());
    if let Some(Some(was)) = was {
        if was.default == parent.default {
            fresh.default = own.default.clone();
        }
        if was.not_null == parent.not_null {
            fresh.not_null = own.not_null;
        }
    }
    fresh
}

pub(crate) fn inherited_copy(c: &Column, comment: Option<String>) -> Column {
    Column {
        inherited: true,
        identity: None,
        comment,
        renamed_from: None,
        ..c.clone()
    }
}

statement_hook! {
    CreateStmt => create_table,
}

/// `SET (…)` or (`reset`) `RESET (…)` of `given` on the options `kept`, kept as PostgreSQL
/// keeps them: a value set again stays in its place, a new one goes last, a reset one goes.
pub(crate) fn set_or_reset(
    kept: &mut Vec<(String, String)>,
    given: Vec<(String, String)>,
    reset: bool,
) {
    for (name, value) in given {
        let at = kept.iter().position(|(n, _)| *n == name);
        match (reset, at) {
            (true, Some(at)) => {
                kept.remove(at);
            }
            (true, None) => {}
            (false, Some(at)) => kept[at].1 = value,
            (false, None) => kept.push((name, value)),
        }
    }
}

/// Storage parameters (`WITH (…)`, `SET (…)`, `RESET (…)`) by name (`toast.` names with
/// their namespace), each value as the text PostgreSQL keeps: a parameter named without a
/// value is `true`.
pub(crate) fn storage_parameters(options: &[Node]) -> Vec<(String, String)> {
    options
        .iter()
        .filter_map(|o| match &o.node {
            Some(N::DefElem(d)) => {
                let name = if d.defnamespace.is_empty() {
                    d.defname.clone()
                } else {
                    format!("{}.{}", d.defnamespace, d.defname)
                };
                let value = d
                    .arg
                    .as_deref()
                    .map(crate::normalize::const_text)
                    .unwrap_or_else(|| "true".to_string());
                Some((name, value))
            }
            _ => None,
        })
        .collect()
}
