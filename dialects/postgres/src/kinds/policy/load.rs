//! Loading this kind from parsed SQL statements.
//!
//! `CREATE POLICY` on a table (its roles, command, USING and WITH CHECK), `DROP POLICY` and
//! `COMMENT ON POLICY`; `ALTER POLICY` is refused for now. A policy is keyed by its table's
//! schema and `table.policy`, as triggers are.

use crate::load::{role_name, Commented, Dropped, Loader, Lookup, R};
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N};

impl Loader {
    /// `CREATE POLICY name ON table …`.
    pub(crate) fn create_policy(&mut self, s: &pb::CreatePolicyStmt) -> R<()> {
        let rv = s.table.as_ref().ok_or("CREATE POLICY without a table")?;
        let table = self.table_name(rv);
        self.schema.tables.existing(&table, "table")?;
        let mut roles: Vec<String> = s
            .roles
            .iter()
            .filter_map(|r| match &r.node {
                Some(N::RoleSpec(r)) => Some(role_name(r)),
                _ => None,
            })
            .collect();
        if roles.is_empty() {
            roles.push("public".into());
        }
        roles.sort();
        let id = ObjectId::member(ObjectKind::Policy, &table, s.policy_name.clone());
        if self.schema.policies.contains_key(&id) {
            return Err(format!(
                "policy {} for table {table} already exists",
                s.policy_name
            ));
        }
        let policy = Policy {
            id: id.clone(),
            table,
            name: s.policy_name.clone(),
            permissive: s.permissive,
            command: s.cmd_name.to_uppercase(),
            roles,
            using: s.qual.as_deref().map(|e| self.expr(e)).transpose()?,
            with_check: s.with_check.as_deref().map(|e| self.expr(e)).transpose()?,
            comment: None,
        };
        self.schema.policies.insert(id, policy);
        Ok(())
    }

    /// `ALTER POLICY`: not supported yet.
    pub(crate) fn alter_policy(&mut self, _: &pb::AlterPolicyStmt) -> R<()> {
        Err("ALTER POLICY is not supported yet; drop and create the policy".into())
    }

    /// `DROP POLICY … ON table`.
    pub(crate) fn drop_policy(&mut self, d: &Dropped<'_>) -> R<()> {
        let id = self.member_id(ObjectKind::Policy, &d.names)?;
        d.remove(&mut self.schema.policies, &id, "policy")
    }

    /// `COMMENT ON POLICY … ON table`.
    pub(crate) fn comment_policy(&mut self, c: &Commented<'_>) -> R<()> {
        let id = self.member_id(ObjectKind::Policy, &c.names)?;
        c.set_on(&mut self.schema.policies, &id, "policy")
    }
}

statement_hook! {
    CreatePolicyStmt => create_policy,
    AlterPolicyStmt => alter_policy,
}
