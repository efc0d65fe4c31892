//! DDL builders for this kind's change kinds.
//!
//! Row-level security policies: created, dropped, and altered in place (`ALTER POLICY`) when
//! only their roles and expressions change.

use crate::ddl::comments::restore_comment;
use crate::ddl::context_builder;
use crate::ddl::{create_drop_builders, qname};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::kinds::{AlterPolicy, Policy};
use serde_json::{json, Value};

fn policy_context(p: &Policy) -> Value {
    let comments = restore_comment(p);
    let roles: Vec<String> = p
        .roles
        .iter()
        .map(|r| match r.as_str() {
            "public" => "PUBLIC".to_string(),
            "current_user" | "current_role" | "session_user" => r.to_uppercase(),
            _ => quote_ident(r),
        })
        .collect();
    json!({
        "name": quote_ident(&p.name),
        "raw_name": p.name,
        "table": qname(&p.table),
        "as": if p.permissive { "PERMISSIVE" } else { "RESTRICTIVE" },
        "command": p.command,
        "roles": roles,
        "using": p.using.as_ref().map(|e| e.sql.clone()),
        "with_check": p.with_check.as_ref().map(|e| e.sql.clone()),
        "comments": comments,
    })
}

/// `ALTER POLICY`: the new roles and expressions, in full.
pub fn alter_policy(c: &AlterPolicy) -> Value {
    policy_context(&c.to)
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, policy_context);
    r.builder(context_builder(alter_policy));
}
