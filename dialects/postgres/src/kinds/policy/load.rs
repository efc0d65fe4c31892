//! Loading this kind from parsed SQL statements.
//!
//! `CREATE POLICY` on a table (its roles, command, USING and WITH CHECK), `ALTER POLICY`
//! (applied to the policy, `RENAME TO` too), `DROP POLICY` and `COMMENT ON POLICY`. A policy is keyed by its table's
//! schema and `table.policy`, as triggers are. An expression with a sub-query (`EXISTS
//! (SELECT … FROM members m WHERE m.team = team)`) compares through the canonical query
//! ([`crate::query::canonical_expr_in`]): its relations resolved, its columns qualified with
//! the policy's table or the sub-query's relations, as `pg_get_expr` prints them.

use crate::load::{drop_and_comment, role_name, Loader, Lookup, R};
use crate::normalize::deparse_expr;
use crate::query::{canonical_expr_in, Relations};
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
        let using = self.policy_expr(s.qual.as_deref(), &table)?;
        let with_check = self.policy_expr(s.with_check.as_deref(), &table)?;
        let policy = Policy {
            id: id.clone(),
            table,
            name: s.policy_name.clone(),
            permissive: s.permissive,
            command: s.cmd_name.to_uppercase(),
            roles,
            using,
            with_check,
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
        let using = self.policy_expr(s.qual.as_deref(), &table)?;
        let with_check = self.policy_expr(s.with_check.as_deref(), &table)?;
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

    /// A policy's `USING` or `WITH CHECK` expression on `table`; one with a sub-query is
    /// keyed by its canonical form, the table's columns in scope under its name, and
    /// refers to the relations it reads.
    fn policy_expr(&self, e: Option<&pb::Node>, table: &QualifiedName) -> R<Option<Expr>> {
        let Some(e) = e else {
            return Ok(None);
        };
        let mut expr = self.expr(e)?;
        if has_sub_query(e) {
            let mut canonical = e.clone();
            let scope = [(table.name.clone(), self.columns(table))];
            // The relations it reads are created before it, as the functions it calls are.
            let relations = canonical_expr_in(&mut canonical, &scope, self)?;
            expr.key = deparse_expr(&canonical)?;
            expr.refs.extend(relations);
            expr.refs.sort();
            expr.refs.dedup();
        }
        Ok(Some(expr))
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

/// Whether an expression holds a sub-query (`EXISTS (…)`, `IN (SELECT …)`, `(SELECT …)`).
fn has_sub_query(e: &pb::Node) -> bool {
    pb::ParseResult {
        version: 0,
        stmts: vec![pb::RawStmt {
            stmt: Some(Box::new(e.clone())),
            ..Default::default()
        }],
    }
    .nodes()
    .iter()
    .any(|(n, ..)| matches!(n, pg_query::NodeRef::SubLink(_)))
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

#[cfg(test)]
mod tests {
    use crate::load::Loader;
    use migrator_core::schema::Schema;

    const TABLES: &str = "CREATE TABLE t (id int, owner int, team text);
        CREATE TABLE members (member int, team text);";

    fn loaded(policies: &str) -> Schema {
        let mut l = Loader::default();
        l.load_text("policies.sql", &format!("{TABLES}\n{policies}"))
            .unwrap();
        l.schema
    }

    fn keys(s: &Schema) -> Vec<String> {
        s.policies
            .values()
            .flat_map(|p| p.using.iter().chain(&p.with_check))
            .map(|e| e.key.clone())
            .collect()
    }

    /// A file's sub-queries and the same policies as `CREATE POLICY` from `pg_get_expr`
    /// text (search_path '') compare equal, and a column of the sub-query's relation is
    /// not taken for the table's.
    #[test]
    fn sub_queries_of_a_file_policy_and_of_the_catalog_text_compare_equal() {
        let file = loaded(
            "CREATE POLICY p ON t USING (team IN (SELECT team FROM members WHERE member = owner));
             CREATE POLICY q ON t FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM members m WHERE m.team = t.team));",
        );
        let catalog = loaded(
            "CREATE POLICY p ON public.t AS PERMISSIVE FOR ALL TO PUBLIC USING ((team IN ( SELECT members.team\n   FROM public.members\n  WHERE (members.member = t.owner))));
             CREATE POLICY q ON public.t AS PERMISSIVE FOR INSERT TO PUBLIC WITH CHECK ((EXISTS ( SELECT 1\n   FROM public.members m\n  WHERE (m.team = t.team))));",
        );
        assert_eq!(keys(&file), keys(&catalog));
        let inner = loaded(
            "CREATE POLICY q ON t FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM members m WHERE m.team = team));",
        );
        assert_ne!(keys(&inner)[0], keys(&file)[1]);
    }
}
