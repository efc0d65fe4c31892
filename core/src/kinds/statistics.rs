//! Extended statistics (`CREATE STATISTICS`): their IR and the `create_statistics`,
//! `drop_statistics` and `alter_statistics` changes.
//!
//! A statistics object lives in a schema under a name of its own and is defined over one
//! table's columns and expressions. Its definition (kinds, columns, expressions) cannot be
//! altered, so a changed one is dropped and created; its statistics target changes in
//! place (`ALTER STATISTICS … SET STATISTICS`), and so does its comment. It is created
//! after its table and the columns it reads, and dropped before them: PostgreSQL drops a
//! statistics object with a column it uses, so a column dropped takes the object's drop
//! first, and the down file creates it again after the column is back. A table dropped and
//! created again (its partitioning changes), or a column dropped and added again (its
//! generation changes), takes its statistics objects with it: they are dropped and
//! created around it.

use crate::change::{create_drop, from_to, no_hazards, Change, Deps, ObjRef};
use crate::diff::{diff_objects, Kept};
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};

/// A statistics object and what `pg_statistic_ext` stores for it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistics {
    pub name: QualifiedName,
    /// The table it is defined on.
    pub table: QualifiedName,
    /// The kinds asked for (`ndistinct`, `dependencies`, `mcv`, in that order), when not
    /// all of them: empty when the statement leaves them out (every kind it allows), as
    /// `pg_get_statisticsobjdef` prints it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    /// The plain columns, sorted by name (PostgreSQL keeps them as a set, `stxkeys`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The expressions, in the order written (`stxexprs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expressions: Vec<Expr>,
    /// `SET STATISTICS n` (`stxstattarget`); `None` is the default (-1).
    pub target: Option<i32>,
    pub comment: Option<String>,
}

impl Statistics {
    /// The columns of its table it reads, plain or in an expression.
    pub fn reads(&self) -> impl Iterator<Item = &String> {
        let read = self.expressions.iter().flat_map(|e| e.columns.iter());
        self.columns.iter().chain(read)
    }

    /// The definition alone: what cannot change in place.
    fn definition(&self) -> Statistics {
        Statistics {
            target: None,
            comment: None,
            ..self.clone()
        }
    }
}

fn created(s: &Statistics) -> Deps {
    let refs = s.expressions.iter().flat_map(|e| e.refs.iter().cloned());
    let mut deps = Deps::in_schema(&s.name, std::iter::once(s.table.clone()).chain(refs));
    let columns = s
        .reads()
        .map(|c| ObjRef::column(s.table.clone(), c.clone()));
    deps.requires.extend(columns);
    deps
}

create_drop! {
    Statistics, deps created, label |s| s.name.name.clone();
    /// `CREATE STATISTICS`, with its target.
    CreateStatistics = "create_statistics", rank 33, hazards no_hazards;
    /// `DROP STATISTICS`.
    DropStatistics = "drop_statistics", rank 9, hazards no_hazards;
}

from_to! {
    /// `ALTER STATISTICS … SET STATISTICS n` (`-1` for the default).
    AlterStatistics { from, to: Option<i32>, name: QualifiedName }
    = "alter_statistics",
    rank |_| 33,
    label |c| format!("alter_statistics_{}", c.name.name),
    deps |c| Deps::creating(vec![], vec![ObjRef::Name(c.name.clone())]),
    hazards |_, _| vec![],
}

/// Whether a column `s` reads changes its generation expression (or becomes generated or
/// plain): PostgreSQL drops and adds such a column one way or the other, which takes the
/// statistics object along.
fn regenerated(s: &Statistics, current: &Schema, desired: &Schema) -> bool {
    let generation = |schema: &Schema, column: &str| {
        let t = schema.tables.get(&s.table)?;
        let c = t.columns.iter().find(|c| c.name == column)?;
        Some(c.generated.clone())
    };
    s.reads()
        .any(|c| generation(current, c) != generation(desired, c))
}

/// The diff pass of statistics objects: a changed definition, a table dropped and created
/// again, or a column it reads dropped and added again (its generation changes) drops and
/// creates the object; a target or a comment changes in place.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let recreated_tables = crate::kinds::table::recreated(current, desired);
    let kept = |c: &Statistics, d: &Statistics, out: &mut Vec<Change>| {
        if c.definition() != d.definition()
            || recreated_tables.contains(&c.table)
            || regenerated(c, current, desired)
        {
            return Kept::Recreated;
        }
        if c.target != d.target {
            out.push(
                AlterStatistics {
                    name: d.name.clone(),
                    from: c.target,
                    to: d.target,
                }
                .into(),
            );
        }
        Kept::InPlace
    };
    diff_objects(&current.statistics, &desired.statistics, kept, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testkit::*;
    use crate::schema::Column;
    use insta::assert_snapshot;

    fn stats() -> Statistics {
        Statistics {
            name: qn("t_ab"),
            table: qn("t"),
            kinds: vec![],
            columns: vec!["a".into(), "b".into()],
            expressions: vec![reading("lower(c)", &["c"])],
            target: None,
            comment: None,
        }
    }

    fn t() -> crate::schema::Table {
        table(
            "t",
            [col("a", "integer"), col("b", "integer"), col("c", "text")],
        )
    }

    #[test]
    fn a_new_statistics_object_comes_after_its_table_and_a_dropped_one_goes_first() {
        let desired = schema().with(t()).with(stats());
        assert_snapshot!(planned(&schema(), &desired));
        assert_snapshot!(planned(&desired, &schema()));
    }

    #[test]
    fn a_changed_definition_drops_and_creates_it() {
        let current = schema().with(t()).with(stats());
        let desired = schema().with(t()).with(Statistics {
            kinds: vec!["ndistinct".into()],
            target: Some(200),
            ..stats()
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_target_and_a_comment_change_in_place() {
        let current = schema().with(t()).with(stats());
        let desired = schema().with(t()).with(Statistics {
            target: Some(500),
            comment: Some("correlated".into()),
            ..stats()
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn it_is_dropped_before_a_column_it_reads_is_dropped() {
        let current = schema().with(t()).with(stats());
        let desired = schema().with(table(
            "t",
            [col("a", "integer"), col("b", "integer")] as [Column; 2],
        ));
        assert_snapshot!(planned(&current, &desired));
    }

    #[test]
    fn it_is_dropped_and_created_around_its_table_recreated() {
        let partitioned = |by: &str| crate::schema::Table {
            partition_by: Some(by.into()),
            ..t()
        };
        let current = schema().with(partitioned("RANGE (a)")).with(stats());
        let desired = schema().with(partitioned("RANGE (b)")).with(stats());
        assert_snapshot!(planned(&current, &desired));
    }

    #[test]
    fn it_is_dropped_and_created_around_a_column_made_plain() {
        let generated = crate::schema::Column {
            generated: Some(Box::new(sql("a * 2"))),
            ..col("b", "integer")
        };
        let with =
            |b: crate::schema::Column| table("t", [col("a", "integer"), b, col("c", "text")]);
        let current = schema().with(with(generated)).with(stats());
        let desired = schema().with(with(col("b", "integer"))).with(stats());
        assert_snapshot!(planned(&current, &desired));
    }
}
