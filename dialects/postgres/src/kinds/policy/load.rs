//! Loading this kind from parsed SQL statements.
//!
//! `CREATE POLICY` on a table (its roles, command, USING and WITH CHECK), `ALTER POLICY`
//! (applied to the policy, `RENAME TO` too), `DROP POLICY` and `COMMENT ON POLICY`. A policy is keyed by its table's
//! schema and `table.policy`, as triggers are.

use crate::load::{drop_and_comment, role_name, Loader, Lookup, R};
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N};

impl Loader {
    /// `CREATE POLICY name ON table …`.
    pub(crate) fn create_policy(&mut self, s: &pb::CreatePolicyStmt) -> R<()> {
        let rv = s.table.as_ref().ok_or("CREATE POLICY without a table")?;
        let table = self.table_name(rv);
        self.schema.tables.existing(&table, "table")?;
        let mut roles = roles(&s.roles);
        if roles.is_empty() {
            roles.push("public".into());
        }
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

    /// `ALTER POLICY name ON table [TO roles] [USING (…)] [WITH CHECK (…)]`: what it
    /// names replaces the policy's own. PostgreSQL refuses a clause the command does not
    /// take (`WITH CHECK` on a `SELECT` policy), and so does this.
    pub(crate) fn alter_policy(&mut self, s: &pb::AlterPolicyStmt) -> R<()> {
        let rv = s.table.as_ref().ok_or("ALTER POLICY without a table")?;
        let table = self.table_name(rv);
        self.schema.tables.existing(&table, "table")?;
        let id = ObjectId::member(ObjectKind::Policy, &table, s.policy_name.clone());
        let using = s.qual.as_deref().map(|e| self.expr(e)).transpose()?;
        let with_check = s.with_check.as_deref().map(|e| self.expr(e)).transpose()?;
        let policy = self.schema.policies.existing_mut(&id, "policy")?;
        let command = policy.command.as_str();
        if with_check.is_some() && matches!(command, "SELECT" | "DELETE") {
            return Err(format!(
                "only USING expression allowed for SELECT, DELETE (policy {} is FOR {command})",
                s.policy_name
            ));
        }
        if using.is_some() && command == "INSERT" {
            return Err(format!(
                "only WITH CHECK expression allowed for INSERT (policy {} is FOR INSERT)",
                s.policy_name
            ));
        }
        let roles = roles(&s.roles);
        if !roles.is_empty() {
            policy.roles = roles;
        }
        if using.is_some() {
            policy.using = using;
        }
        if with_check.is_some() {
            policy.with_check = with_check;
        }
        Ok(())
    }

    /// `ALTER POLICY name ON table RENAME TO new_name`.
    pub(crate) fn rename_policy(&mut self, s: &pb::RenameStmt) -> R<()> {
        let rv = s.relation.as_ref().ok_or("ALTER POLICY without a table")?;
        let table = self.table_name(rv);
        let id = ObjectId::member(ObjectKind::Policy, &table, s.subname.clone());
        let to = ObjectId::member(ObjectKind::Policy, &table, s.newname.clone());
        if self.schema.policies.contains_key(&to) {
            return Err(format!(
                "policy \"{}\" for table \"{table}\" already exists",
                s.newname
            ));
        }
        let mut policy = self.schema.policies.remove(&id).ok_or_else(|| {
            format!(
                "policy \"{}\" for table \"{table}\" does not exist",
                s.subname
            )
        })?;
        policy.id = to.clone();
        policy.name = s.newname.clone();
        self.schema.policies.insert(to, policy);
        Ok(())
    }
}

/// The role names of a `TO` list, sorted.
fn roles(list: &[pb::Node]) -> Vec<String> {
    let mut roles: Vec<String> = list
        .iter()
        .filter_map(|r| match &r.node {
            Some(N::RoleSpec(r)) => Some(role_name(r)),
            _ => None,
        })
        .collect();
    roles.sort();
    roles
}

statement_hook! {
    CreatePolicyStmt => create_policy,
    AlterPolicyStmt => alter_policy,
}

drop_and_comment! {
    drop_policy, comment_policy: policies, "policy",
    key |l, object, names| l.member_id(ObjectKind::Policy, names),
}
