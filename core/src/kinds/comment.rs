//! Comments: what a comment is attached to, and the `set_comment` change (`COMMENT ON`).
//!
//! Objects carry their own comment in their IR; a comment that changes on an object that
//! stays is this one change, whatever the object's kind.

use crate::change::{from_to, Deps, ObjRef};
use crate::identity::{ObjectId, ObjectKind};
use crate::schema::QualifiedName;
use serde::{Deserialize, Serialize};

/// What a comment is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum CommentTarget {
    Schema {
        name: String,
    },
    Extension {
        name: String,
    },
    Type {
        name: QualifiedName,
    },
    Domain {
        name: QualifiedName,
    },
    Sequence {
        name: QualifiedName,
    },
    Table {
        name: QualifiedName,
    },
    Column {
        table: QualifiedName,
        column: String,
    },
    Constraint {
        table: QualifiedName,
        name: String,
    },
    /// The index behind a PRIMARY KEY, UNIQUE or EXCLUDE constraint, which has the
    /// constraint's name in its table's schema (`COMMENT ON INDEX`).
    ConstraintIndex {
        table: QualifiedName,
        name: String,
    },
    Index {
        name: QualifiedName,
    },
    View {
        name: QualifiedName,
        materialized: bool,
    },
    Function {
        #[serde(with = "crate::identity::as_function")]
        id: ObjectId,
        procedure: bool,
    },
    Trigger {
        table: QualifiedName,
        name: String,
    },
    Aggregate {
        #[serde(with = "crate::identity::as_aggregate")]
        id: ObjectId,
    },
    Operator {
        #[serde(with = "crate::identity::as_operator")]
        id: ObjectId,
    },
    Policy {
        table: QualifiedName,
        name: String,
    },
    Rule {
        relation: QualifiedName,
        name: String,
    },
    Collation {
        name: QualifiedName,
    },
    Statistics {
        name: QualifiedName,
    },
    Publication {
        name: String,
    },
    ForeignDataWrapper {
        name: String,
    },
    ForeignServer {
        name: String,
    },
    ForeignTable {
        name: QualifiedName,
    },
}

impl CommentTarget {
    /// Whether a comment on `self` goes with the object `owner`: it is `owner`, or a
    /// column of the table or view `owner`.
    pub fn within(&self, owner: &CommentTarget) -> bool {
        if self == owner {
            return true;
        }
        match (self, owner) {
            (CommentTarget::Column { table, .. }, CommentTarget::Table { name })
            | (CommentTarget::Column { table, .. }, CommentTarget::ForeignTable { name })
            | (CommentTarget::Column { table, .. }, CommentTarget::View { name, .. }) => {
                table == name
            }
            _ => false,
        }
    }
}

/// The object a comment is on, for ordering.
fn comment_requires(target: &CommentTarget) -> Vec<ObjRef> {
    match target {
        CommentTarget::Schema { name } => vec![ObjRef::schema(name.clone())],
        CommentTarget::Extension { name } => vec![ObjRef::extension(name.clone())],
        CommentTarget::Publication { name } => {
            vec![ObjRef::Id(crate::kinds::publication::publication_id(name))]
        }
        CommentTarget::ForeignDataWrapper { name } => {
            vec![ObjRef::Id(crate::kinds::foreign_data::wrapper_id(name))]
        }
        CommentTarget::ForeignServer { name } => {
            vec![ObjRef::Id(crate::kinds::foreign_data::server_id(name))]
        }
        CommentTarget::Type { name }
        | CommentTarget::Domain { name }
        | CommentTarget::Sequence { name }
        | CommentTarget::Table { name }
        | CommentTarget::ForeignTable { name }
        | CommentTarget::Index { name }
        | CommentTarget::View { name, .. }
        | CommentTarget::Collation { name }
        | CommentTarget::Statistics { name } => vec![ObjRef::Name(name.clone())],
        CommentTarget::Function { id, .. }
        | CommentTarget::Aggregate { id }
        | CommentTarget::Operator { id } => vec![ObjRef::Id(id.clone())],
        CommentTarget::Trigger { table, name } => member(ObjectKind::Trigger, table, name),
        CommentTarget::Policy { table, name } => member(ObjectKind::Policy, table, name),
        CommentTarget::Rule { relation, name } => member(ObjectKind::Rule, relation, name),
        CommentTarget::Column { table, column } => {
            vec![ObjRef::column(table.clone(), column.clone())]
        }
        CommentTarget::Constraint { table, name }
        | CommentTarget::ConstraintIndex { table, name } => {
            vec![ObjRef::constraint(table.clone(), name.clone())]
        }
    }
}

from_to! {
    /// `COMMENT ON … IS …` (`to: None` is `IS NULL`).
    SetComment { from, to: Option<String>, target: CommentTarget }
    = "set_comment",
    rank |_| 36,
    label |_| "comment".to_string(),
    deps |c| Deps::creating(vec![], comment_requires(&c.target)),
    hazards |_, _| vec![],
}

/// An object with a comment of its own: what `COMMENT ON` names it by, and the comment.
/// The diff passes compare comments through it, and the cascade drops the comment changes
/// of an object it recreates.
pub trait Commented {
    fn comment_on(&self) -> CommentTarget;
    fn comment(&self) -> &Option<String>;
    fn comment_mut(&mut self) -> &mut Option<String>;

    /// The object without its comment: what an in-place change other than the comment's
    /// carries (the comment has a change of its own).
    fn uncommented(&self) -> Self
    where
        Self: Clone,
    {
        let mut x = self.clone();
        *x.comment_mut() = None;
        x
    }
}

/// A member object (a trigger, policy or rule of `parent`) as what a comment requires.
fn member(kind: ObjectKind, parent: &QualifiedName, name: &str) -> Vec<ObjRef> {
    vec![ObjRef::Id(ObjectId::member(kind, parent, name))]
}

/// Whether two forms of an object differ in more than their comment.
pub(crate) fn differs_beyond_comment<T: Commented + PartialEq + Clone>(x: &T, y: &T) -> bool {
    let mut y = y.clone();
    *y.comment_mut() = x.comment().clone();
    *x != y
}

macro_rules! commented {
    ($($ir:ident: |$x:ident| $target:expr;)+) => {$(
        impl Commented for crate::schema::$ir {
            fn comment_on(&self) -> CommentTarget {
                let $x = self;
                $target
            }
            fn comment(&self) -> &Option<String> {
                &self.comment
            }
            fn comment_mut(&mut self) -> &mut Option<String> {
                &mut self.comment
            }
        }
    )+};
}

commented! {
    Namespace: |x| CommentTarget::Schema { name: x.name.clone() };
    Extension: |x| CommentTarget::Extension { name: x.name.clone() };
    Table: |x| match x.foreign {
        Some(_) => CommentTarget::ForeignTable { name: x.name.clone() },
        None => CommentTarget::Table { name: x.name.clone() },
    };
    Sequence: |x| CommentTarget::Sequence { name: x.name.clone() };
    EnumType: |x| CommentTarget::Type { name: x.name.clone() };
    CompositeType: |x| CommentTarget::Type { name: x.name.clone() };
    RangeType: |x| CommentTarget::Type { name: x.name.clone() };
    BaseType: |x| CommentTarget::Type { name: x.name.clone() };
    Domain: |x| CommentTarget::Domain { name: x.name.clone() };
    Index: |x| CommentTarget::Index { name: x.name.clone() };
    View: |x| CommentTarget::View { name: x.name.clone(), materialized: x.materialized };
    Function: |x| CommentTarget::Function { id: x.id.clone(), procedure: x.procedure };
    Aggregate: |x| CommentTarget::Aggregate { id: x.id.clone() };
    Operator: |x| CommentTarget::Operator { id: x.id.clone() };
    Policy: |x| CommentTarget::Policy { table: x.table.clone(), name: x.name.clone() };
    Trigger: |x| CommentTarget::Trigger { table: x.table.clone(), name: x.name.clone() };
    Rule: |x| CommentTarget::Rule { relation: x.relation.clone(), name: x.name.clone() };
    Collation: |x| CommentTarget::Collation { name: x.name.clone() };
    Statistics: |x| CommentTarget::Statistics { name: x.name.clone() };
    Publication: |x| CommentTarget::Publication { name: x.name.clone() };
    ForeignDataWrapper: |x| CommentTarget::ForeignDataWrapper { name: x.name.clone() };
    ForeignServer: |x| CommentTarget::ForeignServer { name: x.name.clone() };
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Table, View};
    use insta::assert_snapshot;

    fn commented(comment: Option<&str>) -> Table {
        Table {
            comment: comment.map(str::to_string),
            ..table("t", [col("a", "integer")])
        }
    }

    #[test]
    fn a_removed_comment_is_set_to_null() {
        let current = schema().with(commented(Some("old words")));
        let desired = schema().with(commented(None));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn the_comment_of_a_new_or_dropped_object_goes_with_its_create_or_drop() {
        let current = schema().with(commented(Some("going")));
        let desired = schema().with(Table {
            name: qn("u"),
            ..commented(Some("coming"))
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_comment_on_a_view_recreated_by_the_cascade_comes_with_its_create() {
        // Retyping `a` recreates `v`; the new comment is in the `CREATE`, not a second
        // `COMMENT ON` of a view that the drop has taken away.
        let v = |comment: Option<&str>| View {
            comment: comment.map(str::to_string),
            ..view("v", sql("SELECT a FROM t"), &["a"], &["t"])
        };
        let current = schema()
            .with(table("t", [col("a", "integer")]))
            .with(v(None));
        let desired = schema()
            .with(table("t", [col("a", "bigint")]))
            .with(v(Some("the a")));
        assert_snapshot!(diffed(&current, &desired));
    }
}
