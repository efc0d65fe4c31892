//! Typed tables (`CREATE TABLE … OF type`). A typed table's columns are its composite
//! type's attributes: PostgreSQL refuses `ADD`, `DROP`, `ALTER … TYPE` and `RENAME COLUMN`
//! on it, and `ALTER TYPE … ADD | DROP | ALTER ATTRIBUTE … CASCADE` (what the composite
//! kind writes) changes its columns instead. So a table that stays typed by the same type
//! gets no column change of its own for what the type does: only its own options
//! (defaults, NOT NULL, statistics, …), set after the type gains or retypes the attribute
//! and taken off before the type drops it (so the down file puts them back).
//!
//! A table that becomes typed (`ALTER TABLE … OF type`) must already have exactly the
//! type's attributes, in order; one that does not is dropped and created again
//! ([`recreated_for_type`]). `NOT OF` is always in place.

use crate::change::{from_to, Change, Deps, ObjRef};
use crate::diff::comment_change;
use crate::hazard::Hazard;
use crate::kinds::column::{AddColumn, AlterColumn, AroundParent, Column, DropColumn};
use crate::kinds::comment::CommentTarget;
use crate::kinds::composite::CompositeType;
use crate::kinds::table::Table;
use crate::schema::{QualifiedName, Schema};

from_to! {
    /// `ALTER TABLE … OF type` / `NOT OF`. A change of type is both.
    SetOfType { from, to: Option<QualifiedName>, table: QualifiedName }
    = "set_of_type",
    rank |c| {
        // `NOT OF` before the old type changes or goes; `OF` once the table's columns and
        // the type are as they will be.
        if c.to.is_none() { 12 } else { 33 }
    },
    label |c| format!("{}_{}", if c.to.is_some() { "of" } else { "not_of" }, c.table.name),
    deps |c| Deps::relinking(
        ObjRef::Name(c.table.clone()),
        c.to.iter().cloned().map(ObjRef::Name),
        c.from.iter().cloned().map(ObjRef::Name),
    ),
    hazards |c, current| {
        if current.tables.contains_key(&c.table) {
            vec![Hazard::AccessExclusiveLock]
        } else {
            vec![]
        }
    },
}

/// The columns a table `OF ty` has before its own options: the attributes, in order.
pub fn typed_columns(ty: &CompositeType) -> Vec<Column> {
    ty.attributes
        .iter()
        .map(|a| Column {
            type_ref: a.type_ref.clone(),
            collation: a.collation.clone(),
            ..Column::new(&a.name, &a.data_type)
        })
        .collect()
}

/// Whether `columns` are exactly the attributes of `ty`, in order (what `ALTER TABLE … OF`
/// requires).
fn matches_type(columns: &[Column], ty: &CompositeType) -> bool {
    columns.len() == ty.attributes.len()
        && columns.iter().zip(&ty.attributes).all(|(c, a)| {
            c.name == a.name && c.data_type == a.data_type && c.collation == a.collation
        })
}

/// Whether the table `c` must be dropped and created again to become `d`: it becomes typed
/// (or typed by another type) while its columns are not already the type's attributes.
pub(crate) fn recreated_for_type(c: &Table, d: &Table, desired: &Schema) -> bool {
    match &d.of_type {
        Some(ty) if c.of_type.as_ref() != Some(ty) => !desired
            .composites
            .get(ty)
            .is_some_and(|t| matches_type(&c.columns, t)),
        _ => false,
    }
}

/// The diff of a table typed on either side (no parents: a typed table has none).
pub(super) fn diff(c: &Table, d: &Table, out: &mut Vec<Change>) {
    let mut own = Vec::new();
    super::diff_table(c, d, &mut own);
    match (&c.of_type, &d.of_type) {
        (Some(a), Some(b)) if a == b => {
            for change in own {
                follow_type(change, a, out);
            }
        }
        (from, to) => {
            out.extend(own);
            if from.is_some() && from != to {
                out.push(Change::from(SetOfType {
                    table: d.name.clone(),
                    from: from.clone(),
                    to: None,
                }));
            }
            if to.is_some() && from != to {
                out.push(Change::from(SetOfType {
                    table: d.name.clone(),
                    from: None,
                    to: to.clone(),
                }));
            }
        }
    }
}

/// The column as the type gives it to a typed table: name, type and collation only.
fn bare(c: &Column) -> Column {
    Column {
        type_ref: c.type_ref.clone(),
        collation: c.collation.clone(),
        ..Column::new(&c.name, &c.data_type)
    }
}

/// A column change of a table that stays typed by `ty`, as it must be written: what the
/// type does to the column (`ALTER TYPE … CASCADE`) is left to the type; the table's own
/// options are set after the type gives the column, and taken off before it takes it away.
fn follow_type(change: Change, ty: &QualifiedName, out: &mut Vec<Change>) {
    // Comments are changes of their own, except on a column the type takes away: its
    // comment rides on the change that takes the options off, so the down file, which
    // puts them back once the type gives the column back, puts the comment back too.
    let alter = |table: &QualifiedName, from: Column, to: Column, around: AroundParent| {
        let plain = |c: &Column| Column {
            comment: match around {
                AroundParent::Before(_) => c.comment.clone(),
                AroundParent::After(_) => None,
            },
            renamed_from: None,
            ..c.clone()
        };
        (plain(&from) != plain(&to)).then(|| {
            Change::AlterColumn(AlterColumn {
                table: table.clone(),
                from: Box::new(plain(&from)),
                to: Box::new(plain(&to)),
                around: Some(around.clone()),
                handover: false,
            })
        })
    };
    match change {
        Change::AddColumn(AddColumn { table, column }) => {
            let after = AroundParent::After(ty.clone());
            out.extend(alter(&table, bare(&column), (*column).clone(), after));
            let on = CommentTarget::Column {
                table,
                column: column.name.clone(),
            };
            comment_change(out, on, &None, &column.comment);
        }
        Change::DropColumn(DropColumn { table, column }) => {
            let before = AroundParent::Before(ty.clone());
            out.extend(alter(&table, (*column).clone(), bare(&column), before));
        }
        Change::AlterColumn(AlterColumn {
            table,
            from,
            to,
            around,
            ..
        }) => {
            let from = Column {
                data_type: to.data_type.clone(),
                type_ref: to.type_ref.clone(),
                collation: to.collation.clone(),
                ..*from
            };
            let around = around.unwrap_or(AroundParent::After(ty.clone()));
            out.extend(alter(&table, from, *to, around));
        }
        other => out.push(other),
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Column, Schema, Table};

    /// The planned changes as `kind label` lines.
    fn plan(current: &Schema, desired: &Schema) -> Vec<String> {
        let changes = crate::plan::order(crate::diff::diff(current, desired)).unwrap();
        changes
            .iter()
            .map(|c| format!("{} {}", c.kind(), c.label()))
            .collect()
    }

    fn typed(name: &str, ty: &str, columns: Vec<Column>) -> Table {
        Table {
            of_type: Some(qn(ty)),
            ..table(name, columns)
        }
    }

    #[test]
    fn a_typed_table_follows_its_type_and_keeps_its_own_options() {
        // `qty` comes with the type and gets the table's default after it; `code` goes
        // with the type, its NOT NULL taken off first (so the down file puts it back).
        let code = Column {
            not_null: true,
            ..col("code", "text")
        };
        let qty = Column {
            default: Some(sql("1")),
            ..col("qty", "integer")
        };
        let current = schema()
            .with(composite("item", &[("id", "integer"), ("code", "text")]))
            .with(typed("items", "item", vec![col("id", "integer"), code]));
        let desired = schema()
            .with(composite("item", &[("id", "bigint"), ("qty", "integer")]))
            .with(typed("items", "item", vec![col("id", "bigint"), qty]));
        assert_eq!(
            plan(&current, &desired),
            [
                "alter_column alter_items_code",
                "alter_composite alter_type_item",
                "alter_column alter_items_qty",
            ]
        );
    }

    #[test]
    fn a_table_with_the_types_columns_becomes_typed_in_place() {
        let ty = composite("pair", &[("a", "integer"), ("b", "text")]);
        let columns = || vec![col("a", "integer"), col("b", "text")];
        let current = schema().with(ty.clone()).with(table("t", columns()));
        let desired = schema().with(ty).with(typed("t", "pair", columns()));
        assert_eq!(plan(&current, &desired), ["set_of_type of_t"]);
        assert_eq!(plan(&desired, &current), ["set_of_type not_of_t"]);
    }

    #[test]
    fn a_table_whose_columns_are_not_the_types_is_created_again() {
        let ty = composite("pair", &[("a", "integer"), ("b", "text")]);
        let current = schema()
            .with(ty.clone())
            .with(table("t", [col("b", "text"), col("a", "integer")]));
        let desired = schema().with(ty).with(typed(
            "t",
            "pair",
            vec![col("a", "integer"), col("b", "text")],
        ));
        assert_eq!(
            plan(&current, &desired),
            ["drop_table drop_t", "create_table create_t"]
        );
    }

    #[test]
    fn a_typed_table_is_created_after_its_type_and_dropped_before_it() {
        let ty = composite("pair", &[("a", "integer")]);
        let desired = schema()
            .with(typed("t", "pair", vec![col("a", "integer")]))
            .with(ty);
        assert_eq!(
            plan(&schema(), &desired),
            ["create_composite create_type_pair", "create_table create_t"]
        );
        assert_eq!(
            plan(&desired, &schema()),
            ["drop_table drop_t", "drop_composite drop_type_pair"]
        );
    }
}
