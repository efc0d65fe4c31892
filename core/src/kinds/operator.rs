//! Operators: their IR and the `create_operator`/`drop_operator` changes.

use crate::change::{create_drop, no_hazards, Change, Deps, ObjRef};
use crate::diff::diff_by_definition;
use crate::identity::ObjectId;
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};

/// An operator (`CREATE OPERATOR`). A changed definition is dropped and created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    /// The map key: schema, symbol and (left, right) types, `NONE` for a missing side.
    #[serde(with = "crate::identity::as_operator")]
    pub id: ObjectId,
    /// Schema and the operator's symbol.
    pub name: QualifiedName,
    /// Canonical left operand type (`None` for a prefix operator) and right one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<String>,
    pub right: String,
    /// Schema and symbol of the commutator and negator. PostgreSQL links both ways: an
    /// operator declared with a commutator that exists becomes that one's commutator too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commutator: Option<QualifiedName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negator: Option<QualifiedName>,
    /// `sql` is the `CREATE OPERATOR` statement; `key` is canonical; `refs` are the user
    /// functions and types it uses.
    pub definition: Expr,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

fn created(o: &Operator) -> Deps {
    let mut requires = vec![ObjRef::schema(o.name.schema.clone())];
    requires.extend(o.definition.refs.iter().cloned().map(ObjRef::Name));
    Deps::creating(vec![ObjRef::Id(o.id.clone())], requires)
}

create_drop! {
    Operator, deps created, label |_| "operator".to_string();
    /// `CREATE OPERATOR`.
    CreateOperator = "create_operator", rank 26, hazards no_hazards;
    /// `DROP OPERATOR`.
    DropOperator = "drop_operator", rank 16, hazards no_hazards;
}

/// The diff pass of operators: created, dropped, and dropped and created when the
/// definition changes.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    diff_by_definition(
        &current.operators,
        &desired.operators,
        |x, y| x.definition != y.definition,
        out,
    );
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
