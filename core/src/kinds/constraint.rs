//! Table constraints: their IR and the `add_constraint`/`drop_constraint` changes.

use crate::change::{create_drop, from_to, Change, Deps, MemberCreateDrop, ObjRef};
use crate::diff::{comment_change, pair_up};
use crate::hazard::Hazard;
use crate::kinds::comment::CommentTarget;
use crate::kinds::table::Table;
use crate::schema::{Expr, QualifiedName};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
/// table's "some unique key" that foreign keys to it wait for.
pub(crate) fn constraint_creates<'a>(
    table: &QualifiedName,
    constraints: impl Iterator<Item = &'a Constraint>,
) -> Vec<ObjRef> {
    let mut out = Vec::new();
    for c in constraints {
        out.push(ObjRef::constraint(table.clone(), c.name.clone()));
        if matches!(
            c.kind,
            ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }
        ) {
            out.push(ObjRef::Key(table.clone()));
        }
    }
    out
}

/// What a constraint of `table` refers to: its columns, and for a foreign key the
/// referenced table, its columns and one of its keys.
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
        ConstraintKind::Check { expr, .. } => expr.refs.iter().cloned().map(ObjRef::Name).collect(),
        ConstraintKind::PrimaryKey { columns, .. } | ConstraintKind::Unique { columns, .. } => {
            columns
                .iter()
                .map(|col| ObjRef::column(table.clone(), col.clone()))
                .collect()
        }
        ConstraintKind::Exclude { .. } => vec![],
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
        let mut h = vec![MayFailOnExistingData];
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
        let Some(mut k) = c.constraints.remove(&from) else {
            continue;
        };
        k.name = to.clone();
        c.constraints.insert(to.clone(), k);
        out.push(Change::RenameConstraint(RenameConstraint {
            table: d.name.clone(),
            from,
            to,
        }));
    }
}

/// The diff of a table's constraints, run by the table pass. A constraint that changes is
/// dropped and added again; otherwise only its comment is compared.
pub(crate) fn diff_constraints(
    name: &QualifiedName,
    current: &BTreeMap<String, Constraint>,
    desired: &BTreeMap<String, Constraint>,
    out: &mut Vec<Change>,
) {
    pair_up(current, desired, |cc, dc| match (cc, dc) {
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
            }
        }
        (None, None) => {}
    });
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
    fn a_comment_alone_is_set_without_rebuilding_the_constraint() {
        let current = t(check("t_x_check", sql("x > 0")));
        let desired = t(Constraint {
            comment: Some("positive".into()),
            ..check("t_x_check", sql("x > 0"))
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
