//! Operators: their IR and the `create_operator`/`drop_operator` changes.

use crate::change::{create_drop, no_hazards, Deps, ObjRef};

use crate::identity::ObjectId;
use crate::schema::{Expr, QualifiedName};
use serde::{Deserialize, Serialize};

/// An operator (`CREATE OPERATOR`). A changed definition is dropped and created.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    /// The map key: schema, symbol and (left, right) types, `NONE` for a missing side.
    #[serde(with = "crate::identity::as_operator")]
    pub id: ObjectId,
    /// Schema and the operator's symbol.
    pub name: QualifiedName,
    /// Canonical left operand type (`None` for a prefix operator) and right one.
    pub left: Option<String>,
    pub right: String,
    /// Schema and symbol of the commutator and negator. PostgreSQL links both ways: an
    /// operator declared with a commutator that exists becomes that one's commutator too.
    pub commutator: Option<QualifiedName>,
    pub negator: Option<QualifiedName>,
    /// `sql` is the `CREATE OPERATOR` statement; `key` is canonical; `refs` are the user
    /// functions and types it uses.
    pub definition: Expr,
    pub comment: Option<String>,
}

/// An operator is made under its typed identity and under its schema and symbol, shared
/// by its overloads as a routine's name is: the expressions that use it (views, indexes)
/// record it by that name, so they come after it and go before it.
fn created(o: &Operator) -> Deps {
    Deps::defining(
        vec![ObjRef::Routine(o.name.clone()), ObjRef::Id(o.id.clone())],
        &o.name.schema,
        &o.definition,
    )
}

create_drop! {
    Operator, deps created, label |_| "operator".to_string(),
        diff operators recreated when |x, y| x.definition != y.definition;
    /// `CREATE OPERATOR`.
    CreateOperator = "create_operator", rank 26, hazards no_hazards;
    /// `DROP OPERATOR`.
    DropOperator = "drop_operator", rank 16, hazards no_hazards;
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::Operator;
    use insta::assert_snapshot;

    fn op(function: &str) -> Operator {
        let def =
            format!("CREATE OPERATOR === (LEFTARG = text, RIGHTARG = text, FUNCTION = {function})");
        operator("===", "text", "text", calling(&def, &[function]))
    }

    #[test]
    fn a_new_operator_is_created() {
        let desired = schema().with(op("texteq"));
        assert_snapshot!(diffed(&schema(), &desired));
    }

    #[test]
    fn a_changed_operator_is_dropped_and_created() {
        let current = schema().with(op("texteq"));
        let desired = schema().with(op("same_text"));
        assert_snapshot!(diffed(&current, &desired));
    }

    /// An EXCLUDE constraint naming the operator (`WITH ===`), and a CHECK using it, are
    /// taken off before the operator is dropped and put back after it is created.
    #[test]
    fn an_exclusion_and_a_check_using_a_recreated_operator_go_around_it() {
        use crate::schema::{Constraint, ConstraintKind};
        let uses = |name: &str, kind: ConstraintKind| Constraint {
            name: name.into(),
            kind,
            ..check(name, sql("true"))
        };
        let t = table("t", [col("a", "text")])
            .with(uses(
                "t_excl",
                ConstraintKind::Exclude {
                    definition: calling("EXCLUDE USING hash (a WITH ===)", &["==="]),
                },
            ))
            .with(check("t_check", calling("a === 'x'", &["==="])));
        let current = schema().with(op("texteq")).with(t.clone());
        let desired = schema().with(op("same_text")).with(t);
        let up = crate::plan::order(crate::diff::diff(&current, &desired)).unwrap();
        let kinds: Vec<&str> = up.iter().map(|c| c.kind()).collect();
        assert_eq!(
            kinds,
            [
                "drop_constraint",
                "drop_constraint",
                "drop_operator",
                "create_operator",
                "add_constraint",
                "add_constraint"
            ]
        );
    }

    #[test]
    fn a_comment_alone_is_set_without_recreating_the_operator() {
        let current = schema().with(op("texteq"));
        let desired = schema().with(Operator {
            comment: Some("equal text".into()),
            ..op("texteq")
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
