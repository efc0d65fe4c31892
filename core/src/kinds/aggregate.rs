//! Aggregates: their IR and the `create_aggregate`/`drop_aggregate` changes.

use crate::change::{create_drop, no_hazards, Deps, ObjRef};

use crate::identity::ObjectId;
use crate::schema::{Expr, QualifiedName};
use serde::{Deserialize, Serialize};

/// An aggregate (`CREATE AGGREGATE`). It has no `CREATE OR REPLACE` worth using: a changed
/// definition is dropped and created.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregate {
    /// The map key: schema, name and input argument types. `name(*)` for one over rows.
    #[serde(with = "crate::identity::as_aggregate")]
    pub id: ObjectId,
    pub name: QualifiedName,
    /// `sql` is the `CREATE AGGREGATE` statement; `key` is canonical; `refs` are the user
    /// functions and types it uses.
    pub definition: Expr,
    pub comment: Option<String>,
}

fn created(a: &Aggregate) -> Deps {
    let creates = vec![ObjRef::Routine(a.name.clone()), ObjRef::Id(a.id.clone())];
    Deps::defining(creates, &a.name.schema, &a.definition)
}

create_drop! {
    Aggregate, deps created, label |a| format!("aggregate_{}", a.name.name),
        diff aggregates recreated when |x, y| x.definition != y.definition;
    /// `CREATE AGGREGATE`.
    CreateAggregate = "create_aggregate", rank 26, hazards no_hazards;
    /// `DROP AGGREGATE`.
    DropAggregate = "drop_aggregate", rank 16, hazards no_hazards;
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::Aggregate;
    use insta::assert_snapshot;

    fn total(def: &str) -> Aggregate {
        aggregate("total", "integer", sql(def))
    }

    #[test]
    fn a_new_aggregate_is_created() {
        let desired = schema().with(total(
            "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer)",
        ));
        assert_snapshot!(diffed(&schema(), &desired));
    }

    #[test]
    fn a_changed_aggregate_is_dropped_and_created() {
        let current = schema().with(total(
            "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer)",
        ));
        let desired = schema().with(total(
            "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0')",
        ));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_comment_alone_is_set_without_recreating_the_aggregate() {
        let def = "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer)";
        let current = schema().with(total(def));
        let desired = schema().with(Aggregate {
            comment: Some("a sum".into()),
            ..total(def)
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
