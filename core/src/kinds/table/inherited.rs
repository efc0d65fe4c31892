//! A child's own changes to the columns it inherits.
//!
//! A parent's column change reaches its children (PostgreSQL recurses `ALTER COLUMN`), so
//! a child gets no change of its own for what its parent does. What the child sets itself
//! on an inherited column (its own default, its own NOT NULL, `ALTER TABLE child ALTER
//! COLUMN … SET DEFAULT`) is its own change, from the column as the parent's change leaves
//! it: the parent's default and NOT NULL where the parent's changed, the child's where not.

use crate::kinds::column::{AlterColumn, Column};
use crate::schema::{QualifiedName, Schema};

/// What is left of `change`, a change of a column `child` inherits from one of the
/// parents `kept` in both schemas, once the parent's own change has reached it. `None`
/// when nothing is (or no kept parent has the column on both sides).
pub(super) fn own_part(
    change: AlterColumn,
    kept: &[&QualifiedName],
    current: &Schema,
    desired: &Schema,
) -> Option<AlterColumn> {
    let column = |s: &Schema, p: &QualifiedName| -> Option<Column> {
        s.tables.get(p)?.column(&change.to.name).cloned()
    };
    let (was, is) = kept
        .iter()
        .find_map(|p| Some((column(current, p)?, column(desired, p)?)))?;
    let expected = Column {
        default: if was.default != is.default {
            is.default.clone()
        } else {
            change.from.default.clone()
        },
        not_null: if was.not_null != is.not_null {
            is.not_null
        } else {
            change.from.not_null
        },
        ..(*change.to).clone()
    };
    (expected != *change.to).then(|| AlterColumn {
        from: Box::new(expected),
        ..change
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testkit::*;
    use crate::schema::Expr;

    fn default(sql: &str) -> Option<Expr> {
        Some(crate::kinds::testkit::sql(sql))
    }

    #[test]
    fn a_childs_own_default_is_its_own_change() {
        let parent = |d: &str| {
            table(
                "p",
                [Column {
                    default: default(d),
                    ..col("at", "date")
                }],
            )
        };
        let current = schema().with(parent("now()"));
        let desired = schema().with(parent("now()"));
        let p = qn("p");
        let change = |from: &str, to: &str| AlterColumn {
            table: qn("c"),
            from: Box::new(Column {
                default: default(from),
                ..col("at", "date")
            }),
            to: Box::new(Column {
                default: default(to),
                ..col("at", "date")
            }),
            around: None,
            handover: false,
        };
        let own = own_part(change("now()", "'2020-01-01'"), &[&p], &current, &desired);
        assert!(own.is_some_and(|a| a.from.default == default("now()")));
        // The parent's own change reaches the child: nothing is left.
        let changed = schema().with(parent("'2020-01-01'"));
        let own = own_part(change("now()", "'2020-01-01'"), &[&p], &current, &changed);
        assert!(own.is_none());
    }
}
