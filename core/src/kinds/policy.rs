//! Row-level security policies: their IR and the `create_policy`/`drop_policy` changes.
//! (The table's switches, `set_row_security`, belong to the table.)

use crate::change::{create_drop, no_hazards, Deps};

use crate::identity::ObjectId;
use crate::kinds::comment::differs_beyond_comment;
use crate::schema::{Expr, QualifiedName};
use serde::{Deserialize, Serialize};

crate::identity::serde_as!(as_policy_id: Policy);
/// A row-level security policy.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// The map key: the table and the policy name.
    #[serde(with = "as_policy_id")]
    pub id: ObjectId,
    pub table: QualifiedName,
    pub name: String,
    /// `PERMISSIVE` (true) or `RESTRICTIVE`.
    pub permissive: bool,
    /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
    pub command: String,
    /// Role names, sorted; `public` for everyone.
    pub roles: Vec<String>,
    pub using: Option<Expr>,
    pub with_check: Option<Expr>,
    pub comment: Option<String>,
}

fn created(p: &Policy) -> Deps {
    let exprs = p.using.iter().chain(p.with_check.iter());
    Deps::on_relation(&p.id, &p.table, exprs.flat_map(|e| e.refs.iter().cloned()))
}

create_drop! {
    Policy, deps created, label |p| format!("policy_{}", p.name),
        diff policies recreated when differs_beyond_comment;
    /// `CREATE POLICY`.
    CreatePolicy = "create_policy", rank 34, hazards no_hazards;
    /// `DROP POLICY`.
    DropPolicy = "drop_policy", rank 8, hazards no_hazards;
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::{Policy, Schema};
    use insta::assert_snapshot;

    fn on_t(p: Policy) -> Schema {
        schema().with(table("t", [col("owner", "text")])).with(p)
    }

    #[test]
    fn a_new_policy_is_created() {
        let current = schema().with(table("t", [col("owner", "text")]));
        let desired = on_t(policy("t", "mine", sql("owner = current_user")));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_policy_for_other_roles_is_dropped_and_created() {
        let current = on_t(policy("t", "mine", sql("owner = current_user")));
        let desired = on_t(Policy {
            roles: vec!["app".into()],
            ..policy("t", "mine", sql("owner = current_user"))
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_comment_alone_is_set_without_recreating_the_policy() {
        let current = on_t(policy("t", "mine", sql("owner = current_user")));
        let desired = on_t(Policy {
            comment: Some("own rows".into()),
            ..policy("t", "mine", sql("owner = current_user"))
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
