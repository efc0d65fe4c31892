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
    use crate::identity::ObjectId;
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

    /// `app.pct(double precision ORDER BY double precision)` over `app.collect` and `final_fn`.
    fn pct(final_fn: &str, options: &str) -> Aggregate {
        let f8 = "double precision".to_string();
        let def = format!(
            "CREATE AGGREGATE app.pct(double precision ORDER BY double precision) \
             (SFUNC = app.collect, STYPE = double precision[], FINALFUNC = {final_fn}{options})"
        );
        Aggregate {
            id: ObjectId::ordered_set("app", "pct", vec![f8.clone(), f8], 1),
            name: qn("app.pct"),
            definition: calling(&def, &["app.collect", final_fn]),
            comment: None,
        }
    }

    fn support(name: &str, parameters: &str) -> crate::schema::Function {
        function(name, parameters, "double precision", "SELECT 1")
    }

    fn with_support(s: crate::schema::Schema) -> crate::schema::Schema {
        s.with(support(
            "app.collect",
            "double precision[], double precision",
        ))
    }

    #[test]
    fn an_ordered_set_aggregate_is_created_after_its_functions() {
        let desired = with_support(schema())
            .with(support(
                "app.pct_final",
                "double precision[], double precision, double precision",
            ))
            .with(pct("app.pct_final", ", FINALFUNC_EXTRA"));
        assert_snapshot!(planned(&schema(), &desired));
    }

    #[test]
    fn an_ordered_set_aggregate_with_a_new_final_function_is_dropped_and_created() {
        let old_final = "double precision[], double precision, double precision";
        let current = with_support(schema())
            .with(support("app.pct_final", old_final))
            .with(pct("app.pct_final", ", FINALFUNC_EXTRA"));
        let desired = with_support(schema())
            .with(support(
                "app.cont_final",
                "double precision[], double precision",
            ))
            .with(pct("app.cont_final", ", FINALFUNC_MODIFY = SHAREABLE"));
        assert_snapshot!(planned(&current, &desired));
    }

    #[test]
    fn a_dropped_hypothetical_set_aggregate_goes_before_its_functions() {
        let any = "\"any\"".to_string();
        let rnk = Aggregate {
            id: ObjectId::ordered_set("app", "rnk", vec![any], 1),
            name: qn("app.rnk"),
            definition: calling(
                "CREATE AGGREGATE app.rnk(VARIADIC \"any\" ORDER BY VARIADIC \"any\") \
                 (SFUNC = app.collect, STYPE = internal, HYPOTHETICAL)",
                &["app.collect"],
            ),
            comment: None,
        };
        let current = with_support(schema()).with(rnk);
        assert_snapshot!(planned(&current, &schema()));
    }

    #[test]
    fn a_comment_alone_on_an_ordered_set_aggregate_keeps_it() {
        let current = with_support(schema()).with(pct("app.collect", ""));
        let desired = with_support(schema()).with(Aggregate {
            comment: Some("a percentile".into()),
            ..pct("app.collect", "")
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
