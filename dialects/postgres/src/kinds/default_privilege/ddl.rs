//! DDL builders for this kind's change kinds.
//!
//! `ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT | REVOKE …`: one default ACL
//! item made to hold (`add_default_privilege`) or undone (`remove_default_privilege`). An
//! item that is a built-in default taken away (`revoked`) holds through a `REVOKE` and is
//! undone by a `GRANT`; the templates choose.

use crate::ddl::context_builder;
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::kinds::{AddDefaultPrivilege, DefaultPrivilege, RemoveDefaultPrivilege};
use serde_json::{json, Value};

/// `{scope, schema, privilege, on, grantee, with_grant_option, revoked}`; `scope` is the
/// ` FOR ROLE …` and ` IN SCHEMA …` clauses, `schema` the schema's name or null.
fn context(d: &DefaultPrivilege) -> Value {
    let mut scope = String::new();
    if let Some(role) = &d.role {
        scope.push_str(&format!(" FOR ROLE {}", quote_ident(role)));
    }
    if let Some(schema) = &d.schema {
        scope.push_str(&format!(" IN SCHEMA {}", quote_ident(schema)));
    }
    let grantee = if d.grantee == "public" {
        "PUBLIC".to_string()
    } else {
        quote_ident(&d.grantee)
    };
    json!({
        "scope": scope,
        "schema": d.schema,
        "privilege": d.privilege,
        "on": d.on.sql(),
        "grantee": grantee,
        "with_grant_option": d.with_grant_option,
        "revoked": d.revoked,
    })
}

pub fn add_default_privilege(c: &AddDefaultPrivilege) -> Value {
    context(&c.0)
}

pub fn remove_default_privilege(c: &RemoveDefaultPrivilege) -> Value {
    context(&c.0)
}

/// Registers this kind's builders.
pub(crate) fn register(r: &mut Registry) {
    r.builder(context_builder(add_default_privilege));
    r.builder(context_builder(remove_default_privilege));
}
