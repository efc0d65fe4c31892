//! One rename and drop cascade: every reference to a relation or a column, in one place.
//!
//! A table renamed or dropped, or a column renamed, is named by many other objects: its
//! indexes, constraints and the foreign keys pointing at it, owned sequences, views,
//! triggers, policies, partitions and children, comments (held by the objects themselves)
//! and privileges. A loader replaying `ALTER TABLE … RENAME` or `DROP TABLE` calls
//! [`Schema::rename_relation`], [`Schema::rename_column`] or [`Schema::drop_relation`]
//! rather than finding those references itself, so that a new kind that names a table has
//! one place to be added to.
//!
//! Where the SQL text of an expression must change with a rename (an index expression, a
//! CHECK, a policy, a trigger), core asks the dialect through a [`Rewrite`] callback: core
//! never parses SQL. A view's query is re-derived by the dialect after the call (its
//! canonical form needs the whole renamed schema); here only its `depends_on` follows.

use crate::identity::{ObjectId, ObjectKind};
use crate::schema::{
    ColumnRef, ConstraintKind, Expr, PrivilegeObject, QualifiedName, Schema, Table,
};
use std::collections::BTreeMap;
use std::sync::Arc;

/// An object that lives on one relation (a trigger, a policy): it is keyed by the relation
/// and its name, follows the relation's renames and goes with its drop. The registry lists
/// the maps of such objects (`members:` in [`crate::kinds`]).
pub trait RelationMember {
    /// The kind of its ids.
    const KIND: ObjectKind;
    /// The relation it lives on.
    fn relation(&self) -> &QualifiedName;
    /// Its name on the relation.
    fn member_name(&self) -> &str;
    /// Moves it to relation `to`, with its new id.
    fn move_to(&mut self, to: &QualifiedName, id: ObjectId);
}

/// Something done to every map of relation members ([`Schema::visit_members`]).
pub trait MemberVisitor {
    fn visit<T: RelationMember>(&mut self, map: &mut BTreeMap<ObjectId, T>);
}

/// Something done to the maps of one kind of relation members in two schemas
/// ([`Schema::visit_member_pairs`]).
pub trait MemberPairVisitor {
    fn visit<T: RelationMember + crate::change::CreateDrop + Clone>(
        &mut self,
        current: &BTreeMap<ObjectId, T>,
        desired: &BTreeMap<ObjectId, T>,
    );
}

/// A relation renamed: its members move with it, re-keyed.
struct MoveMembers<'a> {
    from: &'a QualifiedName,
    to: &'a QualifiedName,
}

impl MemberVisitor for MoveMembers<'_> {
    fn visit<T: RelationMember>(&mut self, map: &mut BTreeMap<ObjectId, T>) {
        *map = std::mem::take(map)
            .into_iter()
            .map(|(id, mut m)| {
                if m.relation() != self.from {
                    return (id, m);
                }
                let id = ObjectId::member(T::KIND, self.to, m.member_name());
                m.move_to(self.to, id.clone());
                (id, m)
            })
            .collect();
    }
}

/// A relation dropped: its members go with it.
struct DropMembers<'a> {
    of: &'a QualifiedName,
}

impl MemberVisitor for DropMembers<'_> {
    fn visit<T: RelationMember>(&mut self, map: &mut BTreeMap<ObjectId, T>) {
        map.retain(|_, m| m.relation() != self.of);
    }
}

/// Where an expression sits, which says how its SQL reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// A scalar expression over one table's rows: a CHECK, a generated column, an index
    /// predicate, a policy's `USING` / `WITH CHECK`.
    Scalar,
    /// One key part of an index: an expression or a column, with its collation, operator
    /// class and ordering (`lower(mail) DESC`).
    IndexKey,
    /// An `EXCLUDE USING …` constraint's definition.
    Exclusion,
    /// A trigger's `CREATE TRIGGER` statement.
    Trigger,
}

/// The dialect's rewrite of one expression for a rename (it knows which): the expression
/// with the relation or column renamed, its SQL re-parsed and its canonical form and
/// [`Expr::columns`] redone; unchanged when it does not name what is renamed.
pub type Rewrite<'a> = &'a dyn Fn(Site, &Expr) -> Expr;

/// Applies `f` to every expression of `table`'s own (its columns, constraints, indexes,
/// policies, triggers, statistics objects and publication row filters) with the site it
/// sits at.
fn table_exprs(schema: &mut Schema, table: &QualifiedName, f: &mut dyn FnMut(Site, &mut Expr)) {
    if let Some(t) = schema.tables.get_mut(table) {
        own_exprs(t, f);
    }
    for i in schema.indexes.values_mut().filter(|i| i.table == *table) {
        for k in &mut i.keys {
            f(Site::IndexKey, &mut k.def);
        }
        if let Some(p) = &mut i.predicate {
            f(Site::Scalar, p);
        }
    }
    for p in schema.policies.values_mut().filter(|p| p.table == *table) {
        for e in p.using.iter_mut().chain(p.with_check.iter_mut()) {
            f(Site::Scalar, e);
        }
    }
    for t in schema.triggers.values_mut().filter(|t| t.table == *table) {
        f(Site::Trigger, &mut t.definition);
    }
    for s in schema.statistics.values_mut().filter(|s| s.table == *table) {
        s.expressions.iter_mut().for_each(|e| f(Site::Scalar, e));
    }
    let entries = schema
        .publications
        .values_mut()
        .flat_map(|p| p.tables.iter_mut());
    for e in entries.filter(|e| e.table == *table) {
        e.filter.iter_mut().for_each(|e| f(Site::Scalar, e));
    }
}

/// The expressions a table holds itself: generated columns, CHECK and EXCLUDE constraints.
fn own_exprs(t: &mut Table, f: &mut dyn FnMut(Site, &mut Expr)) {
    for c in Arc::make_mut(&mut t.columns) {
        if let Some(g) = &mut c.generated {
            f(Site::Scalar, g);
        }
    }
    for k in Arc::make_mut(&mut t.constraints).values_mut() {
        match &mut k.kind {
            ConstraintKind::Check { expr, .. } => f(Site::Scalar, expr),
            ConstraintKind::Exclude { definition } => f(Site::Exclusion, definition),
            ConstraintKind::PrimaryKey { .. }
            | ConstraintKind::Unique { .. }
            | ConstraintKind::ForeignKey { .. } => {}
        }
    }
}

impl Schema {
    /// Every expression that reads a table's columns, with the site it sits at (what
    /// [`crate::dialect::Dialect::complete_snapshot`] fills [`Expr::columns`] in for).
    pub fn for_each_table_expr(&mut self, f: &mut dyn FnMut(Site, &mut Expr)) {
        let tables: Vec<QualifiedName> = self.tables.keys().cloned().collect();
        for t in &tables {
            table_exprs(self, t, f);
        }
    }

    /// `ALTER TABLE from RENAME TO to` (same schema): the table and everything that names
    /// it follow. Nothing happens when `from` is not a table.
    pub fn rename_relation(&mut self, from: &QualifiedName, to: &QualifiedName, rewrite: Rewrite) {
        let Some(mut t) = self.tables.remove(from) else {
            return;
        };
        t.name = to.clone();
        self.tables.insert(to.clone(), t);
        let follow = |q: &mut QualifiedName| {
            if q == from {
                *q = to.clone();
            }
        };
        for i in self.indexes.values_mut() {
            follow(&mut i.table);
        }
        for s in self.statistics.values_mut() {
            follow(&mut s.table);
        }
        for p in self.publications.values_mut() {
            p.tables.iter_mut().for_each(|e| follow(&mut e.table));
            p.tables.sort_by(|a, b| a.table.cmp(&b.table));
        }
        for s in self.sequences.values_mut() {
            if let Some(o) = &mut s.owned_by {
                follow(&mut o.table);
            }
        }
        for t in self.tables.values_mut() {
            for k in Arc::make_mut(&mut t.constraints).values_mut() {
                if let ConstraintKind::ForeignKey { ref_table, .. } = &mut k.kind {
                    follow(ref_table);
                }
            }
            if let Some(p) = &mut t.partition_of {
                follow(&mut p.parent);
            }
            t.inherits.iter_mut().for_each(follow);
        }
        for v in self.views.values_mut() {
            v.depends_on.iter_mut().for_each(follow);
            v.depends_on.sort();
        }
        self.visit_members(&mut MoveMembers { from, to });
        self.move_privileges(|o| match o {
            PrivilegeObject::Relation { name } | PrivilegeObject::Column { table: name, .. } => {
                follow(name)
            }
            PrivilegeObject::Schema { .. }
            | PrivilegeObject::Sequence { .. }
            | PrivilegeObject::Function { .. } => {}
        });
        // Qualified references (`t.col`) in the table's own expressions.
        table_exprs(self, to, &mut |site, e| *e = rewrite(site, e));
    }

    /// `ALTER TABLE table RENAME COLUMN from TO to`: the column and everything that names
    /// it follow, in the table and in its children (inheritance and partitions), which
    /// PostgreSQL renames with it. Nothing happens when the column does not exist.
    pub fn rename_column(&mut self, table: &QualifiedName, from: &str, to: &str, rewrite: Rewrite) {
        let Some(c) = self.tables.get_mut(table).and_then(|t| t.column_mut(from)) else {
            return;
        };
        c.name = to.to_string();
        let ren = |v: &mut Vec<String>| {
            v.iter_mut()
                .filter(|c| *c == from)
                .for_each(|c| *c = to.to_string())
        };
        for t in self.tables.values_mut() {
            for k in Arc::make_mut(&mut t.constraints).values_mut() {
                match &mut k.kind {
                    ConstraintKind::PrimaryKey { columns, include }
                    | ConstraintKind::Unique {
                        columns, include, ..
                    } if t.name == *table => {
                        ren(columns);
                        ren(include);
                    }
                    ConstraintKind::ForeignKey {
                        columns,
                        ref_table,
                        ref_columns,
                        on_delete_columns,
                        ..
                    } => {
                        if t.name == *table {
                            ren(columns);
                            ren(on_delete_columns);
                        }
                        if ref_table == table {
                            ren(ref_columns);
                        }
                    }
                    ConstraintKind::PrimaryKey { .. }
                    | ConstraintKind::Unique { .. }
                    | ConstraintKind::Check { .. }
                    | ConstraintKind::Exclude { .. } => {}
                }
            }
        }
        for r in self.rules.values_mut().filter(|r| r.relation == *table) {
            ren(&mut r.reads);
        }
        for i in self.indexes.values_mut().filter(|i| i.table == *table) {
            ren(&mut i.include);
            for k in &mut i.keys {
                if k.column.as_deref() == Some(from) {
                    k.column = Some(to.to_string());
                }
            }
        }
        for s in self.statistics.values_mut().filter(|s| s.table == *table) {
            ren(&mut s.columns);
            s.columns.sort();
        }
        let entries = self
            .publications
            .values_mut()
            .flat_map(|p| p.tables.iter_mut());
        for e in entries.filter(|e| e.table == *table) {
            ren(&mut e.columns);
            e.columns.sort();
        }
        let owner = ColumnRef {
            table: table.clone(),
            column: from.to_string(),
        };
        for s in self.sequences.values_mut() {
            if s.owned_by.as_ref() == Some(&owner) {
                s.owned_by = Some(ColumnRef {
                    table: table.clone(),
                    column: to.to_string(),
                });
            }
        }
        self.move_privileges(|o| {
            if let PrivilegeObject::Column { table: t, column } = o {
                if t == table && column == from {
                    *column = to.to_string();
                }
            }
        });
        table_exprs(self, table, &mut |site, e| {
            if e.reads(from) {
                *e = rewrite(site, e);
            }
        });
        let children: Vec<QualifiedName> = self
            .tables
            .values()
            .filter(|t| {
                t.inherits.contains(table)
                    || t.partition_of.as_ref().is_some_and(|p| p.parent == *table)
            })
            .map(|t| t.name.clone())
            .collect();
        for child in &children {
            self.rename_column(child, from, to, rewrite);
        }
    }

    /// `DROP TABLE name`: its indexes, statistics objects, publication entries, triggers, policies, owned sequences and privileges go
    /// with it; with `cascade` also the views that read it (transitively, with their
    /// indexes) and the foreign keys pointing at it. Children are the caller's: PostgreSQL
    /// refuses, or drops them, before the table itself. True when `name` was a table; what
    /// names it goes either way (a loader may have taken the table out already).
    pub fn drop_relation(&mut self, name: &QualifiedName, cascade: bool) -> bool {
        let was_table = self.tables.remove(name).is_some();
        self.indexes.retain(|_, i| i.table != *name);
        self.statistics.retain(|_, s| s.table != *name);
        for p in self.publications.values_mut() {
            p.tables.retain(|e| e.table != *name);
        }
        self.visit_members(&mut DropMembers { of: name });
        self.sequences
            .retain(|_, s| s.owned_by.as_ref().is_none_or(|o| o.table != *name));
        if cascade {
            self.drop_dependent_views(name);
            for t in self.tables.values_mut() {
                Arc::make_mut(&mut t.constraints).retain(|_, c| {
                    !matches!(&c.kind, ConstraintKind::ForeignKey { ref_table, .. } if ref_table == name)
                });
            }
        }
        self.privileges.retain(|(o, _, _), _| match o {
            PrivilegeObject::Relation { name: n } | PrivilegeObject::Column { table: n, .. } => {
                n != name
            }
            PrivilegeObject::Schema { .. }
            | PrivilegeObject::Sequence { .. }
            | PrivilegeObject::Function { .. } => true,
        });
        was_table
    }

    /// Removes the views that read `name`, transitively, with their indexes
    /// (`DROP … CASCADE`).
    pub fn drop_dependent_views(&mut self, name: &QualifiedName) {
        let dependents: Vec<QualifiedName> = self
            .views
            .values()
            .filter(|v| v.depends_on.contains(name))
            .map(|v| v.name.clone())
            .collect();
        for d in dependents {
            self.views.remove(&d);
            self.indexes.retain(|_, i| i.table != d);
            self.privileges.retain(
                |(o, _, _), _| !matches!(o, PrivilegeObject::Relation { name } if *name == d),
            );
            self.drop_dependent_views(&d);
        }
    }

    /// Rewrites the object of every privilege with `f`, keeping the map keyed by it.
    fn move_privileges(&mut self, mut f: impl FnMut(&mut PrivilegeObject)) {
        if self.privileges.is_empty() {
            return;
        }
        self.privileges = std::mem::take(&mut self.privileges)
            .into_values()
            .map(|mut p| {
                f(&mut p.object);
                (p.key(), p)
            })
            .collect();
    }
}

#[cfg(test)]
mod tests;
