//! Row-level security policies: their IR and the `create_policy`/`drop_policy`/`alter_policy`
//! changes.
//! (The table's switches, `set_row_security`, belong to the table.)

use crate::change::{create_drop, no_hazards, Change, Deps, ObjRef};
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

/// A policy needs its table, what its expressions call and read, and the table's columns
/// they name: PostgreSQL refuses to drop a column a policy reads, so the policy is dropped
/// or altered first, and one that reads a new column comes after it.
fn created(p: &Policy) -> Deps {
    let exprs = || p.using.iter().chain(p.with_check.iter());
    let mut deps = Deps::on_relation(
        &p.id,
        &p.table,
        exprs().flat_map(|e| e.refs.iter().cloned()),
    );
    deps.requires.extend(
        exprs()
            .flat_map(|e| e.columns.iter())
            .map(|c| ObjRef::column(p.table.clone(), c.clone())),
    );
    deps
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
    /// place, after the columns its new expressions read are added and before those only
    /// its old ones read are dropped.
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
    fn a_policy_altered_off_a_column_comes_between_the_columns_add_and_drop() {
        let two = |a: &str, b: &str| table("t", [col(a, "text"), col(b, "text")]);
        let current = schema().with(two("owner", "team")).with(policy(
            "t",
            "p",
            reading("owner = team", &["owner", "team"]),
        ));
        let desired = schema().with(two("owner_role", "team")).with(policy(
            "t",
            "p",
            reading("owner_role = team", &["owner_role", "team"]),
        ));
        let kinds: Vec<String> = planned(&current, &desired)
            .lines()
            .map(|l| l.split(' ').next().unwrap_or_default().to_string())
            .collect();
        assert_eq!(kinds, ["add_column", "alter_policy", "drop_column"]);
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
