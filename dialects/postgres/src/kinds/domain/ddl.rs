//! DDL builders for this kind's change kinds.
//!
//! Domains: created, dropped, and altered (default, NOT NULL and CHECK changes as
//! `ALTER DOMAIN` actions).

use crate::ddl::comments::restore_comment;
use crate::ddl::definitions::type_sql;
use crate::ddl::{create_drop_builders, qname, render};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{AlterDomain, Domain};
use serde_json::{json, Value};

fn domain_context(d: &Domain) -> Value {
    let comments = restore_comment(d);
    json!({
        "name": qname(&d.name),
        "type": type_sql(&d.data_type, &d.type_ref),
        "collation": d.collation.as_deref().map(quote_ident),
        "default": d.default.as_ref().map(|e| crate::normalize::default_operand(&e.sql)),
        "not_null": d.not_null,
        "checks": d.checks.iter().map(|(n, e)| json!({"name": quote_ident(n), "expr": e.sql})).collect::<Vec<_>>(),
        "comments": comments,
    })
}

/// Default, NOT NULL and CHECK changes, as `ALTER DOMAIN` actions.
pub fn alter_domain(c: &AlterDomain, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let AlterDomain { from, to } = c;
    let mut actions = Vec::new();
    for (name, e) in &from.checks {
        if to.checks.get(name) != Some(e) {
            actions.push(json!({ "sql": format!(
                "DROP CONSTRAINT {}{}",
                if ctx.options().idempotent { "IF EXISTS " } else { "" },
                quote_ident(name)
            ) }));
        }
    }
    if from.default != to.default {
        actions.push(json!({ "sql": match &to.default {
            Some(e) => format!("SET DEFAULT {}", e.sql),
            None => "DROP DEFAULT".to_string(),
        } }));
    }
    if from.not_null != to.not_null {
        actions.push(json!({ "sql": if to.not_null { "SET NOT NULL" } else { "DROP NOT NULL" } }));
    }
    for (name, e) in &to.checks {
        if from.checks.get(name) != Some(e) {
            actions.push(json!({
                "sql": format!("ADD CONSTRAINT {} CHECK ({})", quote_ident(name), e.sql),
                "guard": name,
            }));
        }
    }
    render(
        ctx,
        c,
        json!({ "name": qname(&to.name), "actions": actions }),
    )
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, domain_context);
    r.builder(alter_domain);
}
