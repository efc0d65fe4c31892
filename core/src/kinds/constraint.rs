//! Table constraints: their IR and the `add_constraint`/`drop_constraint` changes.

use crate::change::Variant;
use crate::change::{create_drop, from_to, Change, Deps, MemberCreateDrop, ObjRef};
use crate::diff::{comment_change, pair_up_small};
use crate::hazard::Hazard;
use crate::kinds::comment::CommentTarget;
use crate::kinds::index::{DropIndex, Index};
use crate::kinds::table::Table;
use crate::schema::{Expr, QualifiedName, Schema};
use crate::vec_map::VecMap;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    pub name: String,
    pub kind: ConstraintKind,
    #[serde(default)]
    pub deferrable: bool,
    #[serde(default)]
    pub initially_deferred: bool,
    pub comment: Option<String>,
    /// The comment on the index behind a PRIMARY KEY, UNIQUE or EXCLUDE constraint
    /// (`COMMENT ON INDEX key_name`): PostgreSQL keeps it on the index's `pg_class` row,
    /// apart from the constraint's own comment.
    pub index_comment: Option<String>,
    /// `NOT VALID`: a CHECK or FOREIGN KEY added by `ALTER TABLE` that the rows already in
    /// the table have not been checked against (`pg_constraint.convalidated` false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_valid: bool,
    /// `PRIMARY KEY | UNIQUE USING INDEX i` in the desired SQL: the stand-alone index the
    /// key was built from, as it was before it became the key's index. It is not part of
    /// what the key is (the catalog cannot tell), so the diff never compares it; it lets
    /// [`promote_indexes`] turn that index into the key in place instead of dropping it
    /// and building another.
    pub using_index: Option<Box<Index>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ConstraintKind {
    PrimaryKey {
        columns: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        include: Vec<String>,
    },
    Unique {
        columns: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        include: Vec<String>,
        #[serde(default)]
        nulls_not_distinct: bool,
    },
    Check {
        expr: Expr,
        #[serde(default)]
        no_inherit: bool,
    },
    ForeignKey {
        columns: Vec<String>,
        ref_table: QualifiedName,
        ref_columns: Vec<String>,
        on_delete: FkAction,
        /// `ON DELETE SET NULL (a, b)` / `SET DEFAULT (…)`: the referencing columns the
        /// action sets (PostgreSQL 15); empty for all of them.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        on_delete_columns: Vec<String>,
        on_update: FkAction,
        #[serde(default)]
        match_full: bool,
    },
    /// `EXCLUDE USING … (…)`: kept as its canonical definition text.
    Exclude { definition: Expr },
}

impl ConstraintKind {
    pub fn is_foreign_key(&self) -> bool {
        matches!(self, ConstraintKind::ForeignKey { .. })
    }

    /// A CHECK that partitions and inheriting tables take from their parent (not `NO
    /// INHERIT`).
    pub fn is_inherited_check(&self) -> bool {
        matches!(
            self,
            ConstraintKind::Check {
                no_inherit: false,
                ..
            }
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl FkAction {
    pub fn sql(self) -> &'static str {
        match self {
            FkAction::NoAction => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        }
    }
}

/// The constraints of `table` by name and, for a primary key or unique constraint, the
/// table's "some unique key" that foreign keys to it wait for; a primary key is also the
/// table's one primary key.
pub(crate) fn constraint_creates<'a>(
    table: &QualifiedName,
    constraints: impl Iterator<Item = &'a Constraint>,
) -> Vec<ObjRef> {
    let mut out = Vec::new();
    for c in constraints {
        out.push(ObjRef::constraint(table.clone(), c.name.clone()));
        match c.kind {
            ConstraintKind::PrimaryKey { .. } => {
                out.push(ObjRef::Key(table.clone()));
                out.push(ObjRef::PrimaryKey(table.clone()));
            }
            ConstraintKind::Unique { .. } => out.push(ObjRef::Key(table.clone())),
            ConstraintKind::Check { .. }
            | ConstraintKind::ForeignKey { .. }
            | ConstraintKind::Exclude { .. } => {}
        }
    }
    out
}

/// What a constraint of `table` refers to: its columns (those a CHECK reads too), and for
/// a foreign key the referenced table, its columns and one of its keys.
pub(crate) fn constraint_requires(table: &QualifiedName, c: &Constraint) -> Vec<ObjRef> {
    match &c.kind {
        ConstraintKind::ForeignKey {
            ref_table,
            ref_columns,
            columns,
            ..
        } => {
            let mut out = vec![ObjRef::Name(ref_table.clone())];
            if ref_table != table {
                out.push(ObjRef::Key(ref_table.clone()));
            }
            out.extend(
                ref_columns
                    .iter()
                    .map(|col| ObjRef::column(ref_table.clone(), col.clone())),
            );
            out.extend(
                columns
                    .iter()
                    .map(|col| ObjRef::column(table.clone(), col.clone())),
            );
            out
        }
        // The columns it reads, in their new form (a retyped column, an enum's rebuilt one).
        ConstraintKind::Check { expr, .. } => expr
            .refs
            .iter()
            .cloned()
            .map(ObjRef::Name)
            .chain(
                expr.columns
                    .iter()
                    .map(|col| ObjRef::column(table.clone(), col.clone())),
            )
            .collect(),
        ConstraintKind::PrimaryKey { columns, .. } | ConstraintKind::Unique { columns, .. } => {
            columns
                .iter()
                .map(|col| ObjRef::column(table.clone(), col.clone()))
                .collect()
        }
        // The user operators it names (`WITH op`) and its predicate uses.
        ConstraintKind::Exclude { definition } => {
            definition.refs.iter().cloned().map(ObjRef::Name).collect()
        }
    }
}

fn added(table: &QualifiedName, constraint: &Constraint) -> Deps {
    let mut requires = vec![ObjRef::Name(table.clone())];
    requires.extend(constraint_requires(table, constraint));
    Deps::creating(
        constraint_creates(table, std::iter::once(constraint)),
        requires,
    )
}

create_drop! {
    member constraint: Constraint,
    deps added,
    drop_deps |table, constraint| Deps::dropping(added(table, constraint)),
    label |_, constraint| constraint.name.clone();
    /// `ALTER TABLE … ADD CONSTRAINT`.
    AddConstraint = "add_constraint",
    rank |c| if c.kind.is_foreign_key() { 31 } else { 30 },
    hazards |table, constraint, current| {
        use Hazard::*;
        if !current.tables.contains_key(table) {
            return vec![];
        }
        // A NOT VALID constraint does not read the rows already there, nor does one on a
        // foreign table (PostgreSQL takes it on trust).
        let trusted = constraint.not_valid || crate::kinds::table::is_foreign(current, table);
        let mut h = if trusted { vec![] } else { vec![MayFailOnExistingData] };
        if !matches!(constraint.kind, ConstraintKind::ForeignKey { .. }) {
            h.push(AccessExclusiveLock);
        }
        h
    };
    /// `ALTER TABLE … DROP CONSTRAINT`.
    DropConstraint = "drop_constraint",
    rank |c| if c.kind.is_foreign_key() { 11 } else { 12 },
    hazards |_, _, _| vec![];
}

from_to! {
    /// `ALTER TABLE … RENAME CONSTRAINT`: a constraint of a table renamed with
    /// `-- migrator:renamed-from` whose name follows the table (an implicit
    /// `clients_pkey` becoming `customers_pkey`). Its index and the foreign keys resting
    /// on it stay.
    RenameConstraint { from, to: String, table: QualifiedName }
    = "rename_constraint",
    rank |_| 20,
    label |c| format!("rename_{}_to_{}", c.from, c.to),
    deps |c| {
        let old = ObjRef::constraint(c.table.clone(), c.from.clone());
        Deps {
            creates: vec![ObjRef::constraint(c.table.clone(), c.to.clone())],
            requires: vec![ObjRef::Name(c.table.clone()), old.clone()],
            removes: vec![old],
            releases: vec![],
        }
    },
    hazards |_, _| vec![],
}

/// The constraints of `c`, a table renamed into `d`, that `d` defines the same under
/// another name (neither name on the other side): renamed, in `c` too, so the rest of
/// the table's diff compares them as one. PostgreSQL keeps their names across the table's
/// rename; a fresh database names them after the new table.
pub(crate) fn rename_constraints_along(c: &mut Table, d: &Table, out: &mut Vec<Change>) {
    let same = |x: &Constraint, y: &Constraint| {
        x.kind == y.kind
            && x.deferrable == y.deferrable
            && x.initially_deferred == y.initially_deferred
    };
    let gone: Vec<String> = c
        .constraints
        .keys()
        .filter(|n| !d.constraints.contains_key(*n))
        .cloned()
        .collect();
    for from in gone {
        let Some(to) = d
            .constraints
            .values()
            .find(|k| !c.constraints.contains_key(&k.name) && same(&c.constraints[&from], k))
            .map(|k| k.name.clone())
        else {
            continue;
        };
        let Some(mut k) = Arc::make_mut(&mut c.constraints).remove(&from) else {
            continue;
        };
        k.name = to.clone();
        Arc::make_mut(&mut c.constraints).insert(to.clone(), k);
        out.push(Change::RenameConstraint(RenameConstraint {
            table: d.name.clone(),
            from,
            to,
        }));
    }
}

/// The diff of a table's constraints, run by the table pass. A constraint that changes is
/// dropped and added again (with both its comments); otherwise only its comment and its
/// index's comment are compared.
pub(crate) fn diff_constraints(
    name: &QualifiedName,
    current: &VecMap<String, Constraint>,
    desired: &VecMap<String, Constraint>,
    out: &mut Vec<Change>,
) {
    pair_up_small(current, desired, |cc, dc| match (cc, dc) {
        (Some(cc), None) => out.push(cc.clone().dropped_from(name)),
        (None, Some(dc)) => out.push(dc.clone().added_to(name)),
        (Some(cc), Some(dc)) => {
            let same = cc.kind == dc.kind
                && cc.deferrable == dc.deferrable
                && cc.initially_deferred == dc.initially_deferred;
            if !same {
                out.push(cc.clone().dropped_from(name));
                out.push(dc.clone().added_to(name));
            } else {
                let on = CommentTarget::Constraint {
                    table: name.clone(),
                    name: dc.name.clone(),
                };
                comment_change(out, on, &cc.comment, &dc.comment);
                let on = CommentTarget::ConstraintIndex {
                    table: name.clone(),
                    name: dc.name.clone(),
                };
                comment_change(out, on, &cc.index_comment, &dc.index_comment);
                if cc.not_valid != dc.not_valid {
                    out.push(Change::from(SetConstraintValid {
                        table: name.clone(),
                        constraint: dc.clone(),
                        from: !cc.not_valid,
                        to: !dc.not_valid,
                    }));
                }
            }
        }
        (None, None) => {}
    });
}

from_to! {
    /// A CHECK or FOREIGN KEY made valid (`VALIDATE CONSTRAINT`) or not valid again (dropped
    /// and added `NOT VALID`: PostgreSQL cannot mark a validated constraint not valid).
    /// `from`/`to` say whether it is valid; `constraint` is its definition, which does not
    /// change.
    SetConstraintValid { from, to: bool, table: QualifiedName, constraint: Constraint }
    = "set_constraint_valid",
    rank |c| if c.constraint.kind.is_foreign_key() { 31 } else { 30 },
    label |c| format!("{}_{}", if c.to { "validate" } else { "invalidate" }, c.constraint.name),
    deps |c| added(&c.table, &c.constraint),
    hazards |c, _| if c.to { vec![Hazard::MayFailOnExistingData] } else { vec![] },
}

/// A stand-alone unique index and the PRIMARY KEY or UNIQUE constraint built from it
/// (`ADD CONSTRAINT … USING INDEX`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFromIndex {
    pub constraint: Constraint,
    /// The index as it is before it becomes the key's.
    pub index: Index,
}

/// What turning the index into the key of `table` creates and takes away: the index's name
/// goes, the key comes. The table keeps a unique key throughout, so [`ObjRef::Key`] is not
/// taken away.
fn promoted(table: &QualifiedName, k: &KeyFromIndex) -> Deps {
    Deps {
        removes: vec![ObjRef::Name(k.index.name.clone())],
        ..added(table, &k.constraint)
    }
}

create_drop! {
    member key: KeyFromIndex,
    deps promoted,
    drop_deps |table, key| {
        let d = promoted(table, key);
        Deps {
            creates: d.removes,
            requires: d.releases,
            removes: d.creates,
            releases: d.requires,
        }
    },
    label |_, key| key.constraint.name.clone();
    /// `ALTER TABLE … ADD CONSTRAINT … PRIMARY KEY | UNIQUE USING INDEX`: a stand-alone
    /// unique index becomes the key's index (PostgreSQL renames it to the key's name),
    /// neither dropped nor built again. A brief lock; NOT NULL is checked on a primary
    /// key's columns, but the index is not built again.
    AddKeyUsingIndex = "add_key_using_index",
    rank |_| 30,
    hazards |_, _, _| vec![Hazard::AccessExclusiveLock, Hazard::MayFailOnExistingData];
    /// The inverse of [`AddKeyUsingIndex`]: the key is dropped (its index with it) and the
    /// stand-alone index built again.
    DropKeyRestoringIndex = "drop_key_restoring_index",
    rank |_| 12,
    hazards |_, _, _| vec![Hazard::LongIndexBuild];
}

/// A follow-up of the diff: a key added to a kept table from the stand-alone index it was
/// built from (`USING INDEX`, [`Constraint::using_index`]) while that same index, unchanged,
/// is dropped, becomes one [`AddKeyUsingIndex`]: the index turns into the key's instead of
/// being dropped and built again.
pub(crate) fn promote_indexes(_: &Schema, _: &Schema, out: &mut Vec<Change>) {
    let dropped = |c: &Change, source: &Index| {
        DropIndex::from_change(c).is_some_and(|DropIndex(i)| {
            i.name == source.name
                && Index {
                    comment: None,
                    ..(**i).clone()
                } == *source
        })
    };
    let mut i = 0;
    while i < out.len() {
        let promoted = match AddConstraint::from_change(&out[i]) {
            Some(AddConstraint { table, constraint }) => {
                constraint.using_index.as_deref().and_then(|source| {
                    let at = out.iter().position(|c| dropped(c, source))?;
                    // The index as it is, comment included: a down file builds it again.
                    let DropIndex(index) = DropIndex::from_change(&out[at])?;
                    Some((at, table.clone(), constraint.clone(), (**index).clone()))
                })
            }
            None => None,
        };
        let Some((at, table, constraint, index)) = promoted else {
            i += 1;
            continue;
        };
        out[i] = Change::AddKeyUsingIndex(AddKeyUsingIndex {
            table,
            key: Box::new(KeyFromIndex {
                constraint: *constraint,
                index,
            }),
        });
        out.remove(at);
        if at < i {
            i -= 1;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Constraint, Schema};
    use insta::assert_snapshot;

    fn t(c: Constraint) -> Schema {
        schema().with(table("t", [col("id", "integer"), col("x", "integer")]).with(c))
    }

    #[test]
    fn a_changed_check_is_dropped_and_added() {
        let current = t(check("t_x_check", sql("x > 0")));
        let desired = t(check("t_x_check", sql("x >= 0")));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_constraint_made_deferrable_is_dropped_and_added() {
        let current = t(unique("t_x_key", &["x"]));
        let desired = t(Constraint {
            deferrable: true,
            ..unique("t_x_key", &["x"])
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_new_foreign_key_is_added_to_the_kept_table() {
        let parent = table("p", [col("id", "integer")]).with(pk("p_pkey", &["id"]));
        let current = schema()
            .with(parent.clone())
            .with(table("t", [col("p_id", "integer")]));
        let desired = schema()
            .with(parent)
            .with(table("t", [col("p_id", "integer")]).with(fk("t_p_fk", &["p_id"], "p", &["id"])));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_check_made_not_valid_or_valid_changes_in_place() {
        let valid = check("t_x_check", sql("x > 0"));
        let not_valid = Constraint {
            not_valid: true,
            ..valid.clone()
        };
        assert_snapshot!(diffed(&t(valid.clone()), &t(not_valid.clone())));
        assert_snapshot!(diffed(&t(not_valid), &t(valid)));
    }

    #[test]
    fn a_key_built_from_a_dropped_index_takes_the_index_over() {
        let idx = index("t_x_idx", "t", &["x"]);
        let idx = crate::schema::Index {
            unique: true,
            ..idx
        };
        let current = t(pk("t_pkey", &["id"])).with(idx.clone());
        let key = Constraint {
            using_index: Some(Box::new(idx.clone())),
            ..unique("t_x_key", &["x"])
        };
        let keyed = table("t", [col("id", "integer"), col("x", "integer")])
            .with(pk("t_pkey", &["id"]))
            .with(key);
        let desired = schema().with(keyed);
        let changes = planned(&current, &desired);
        assert_snapshot!(changes);
        // The same key where the index was another one is built anew.
        let other = crate::schema::Index {
            keys: index("t_x_idx", "t", &["id"]).keys,
            ..idx
        };
        let current = t(pk("t_pkey", &["id"])).with(other);
        assert_snapshot!(planned(&current, &desired));
    }

    #[test]
    fn a_key_index_comment_alone_is_set_without_rebuilding_the_constraint() {
        let key = |index_comment: Option<&str>| Constraint {
            index_comment: index_comment.map(str::to_string),
            ..pk("t_pkey", &["id"])
        };
        // Added, changed and removed: `COMMENT ON INDEX`, apart from the constraint's own.
        assert_snapshot!(diffed(&t(key(None)), &t(key(Some("by id")))));
        assert_snapshot!(diffed(&t(key(Some("by id"))), &t(key(Some("the id")))));
        assert_snapshot!(diffed(&t(key(Some("the id"))), &t(key(None))));
    }

    #[test]
    fn a_comment_alone_is_set_without_rebuilding_the_constraint() {
        let current = t(check("t_x_check", sql("x > 0")));
        let desired = t(Constraint {
            comment: Some("positive".into()),
            ..check("t_x_check", sql("x > 0"))
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
