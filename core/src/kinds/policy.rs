//! Row-level security policies: their IR and the `create_policy`/`drop_policy`/`alter_policy`
//! changes.
//! (The table's switches, `set_row_security`, belong to the table.)

use crate::change::{create_drop, no_hazards, Change, Deps};
use crate::diff::{diff_objects, Kept};
use crate::schema::Schema;

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

impl Policy {
    /// Whether `ALTER POLICY` turns this policy into `other`, and back: the same command
    /// and kind, and `USING` and `WITH CHECK` each present on both sides or on neither
    /// (`ALTER POLICY` sets a clause but cannot take one away).
    pub fn alterable_to(&self, other: &Policy) -> bool {
        self.command == other.command
            && self.permissive == other.permissive
            && self.using.is_some() == other.using.is_some()
            && self.with_check.is_some() == other.with_check.is_some()
    }
}

create_drop! {
    Policy, deps created, label |p| format!("policy_{}", p.name);
    /// `CREATE POLICY`.
    CreatePolicy = "create_policy", rank 34, hazards no_hazards;
    /// `DROP POLICY`.
    DropPolicy = "drop_policy", rank 8, hazards no_hazards;
    /// `ALTER POLICY … TO … USING (…) WITH CHECK (…)`: roles and expressions change in
    /// place.
    AlterPolicy = "alter_policy", rank 34, in place;
}

/// The diff pass of policies: created, dropped, changed in place with `ALTER POLICY` when
/// only its roles and expressions change ([`Policy::alterable_to`]), else dropped and
/// created. Those of a table recreated are created again (`DROP TABLE` takes them along).
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let recreated_tables = crate::kinds::table::recreated(current, desired);
    let kept = |c: &Policy, d: &Policy, out: &mut Vec<Change>| {
        if recreated_tables.contains(&c.table) {
            Kept::Recreated
        } else if !differs_beyond_comment(c, d) {
            Kept::InPlace
        } else if c.alterable_to(d) {
            out.push(AlterPolicy::between(c.clone(), d.clone()));
            Kept::InPlace
        } else {
            Kept::Recreated
        }
    };
    diff_objects(&current.policies, &desired.policies, kept, out);
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
    fn a_policy_for_other_roles_and_rows_is_altered_in_place() {
        let current = on_t(policy("t", "mine", sql("owner = current_user")));
        let desired = on_t(Policy {
            roles: vec!["app".into()],
            ..policy("t", "mine", sql("owner = session_user"))
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_policy_losing_its_with_check_or_changing_command_is_dropped_and_created() {
        let checked = Policy {
            with_check: Some(sql("owner <> ''")),
            ..policy("t", "mine", sql("owner = current_user"))
        };
        let current = on_t(checked);
        let desired = on_t(policy("t", "mine", sql("owner = current_user")));
        assert_snapshot!(diffed(&current, &desired));
        let current = on_t(policy("t", "mine", sql("owner = current_user")));
        let desired = on_t(Policy {
            command: "SELECT".into(),
            ..policy("t", "mine", sql("owner = current_user"))
        });
        assert_snapshot!("command_changes", diffed(&current, &desired));
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
