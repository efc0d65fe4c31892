//! DDL builders for this kind's change kinds.
//!
//! Domains: created, dropped, and altered (default, NOT NULL and CHECK changes as
//! `ALTER DOMAIN` actions). A domain dropped to be created again (its base type or
//! collation changes) is refused while something the cascade does not move off it keeps
//! using it (`domain::release_columns` in core moves the table columns).

use crate::ddl::comments::restore_comment;
use crate::ddl::definitions::type_sql;
use crate::ddl::{create_drop_builders, qname, render};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{AlterDomain, Domain, DropDomain};
use migrator_core::schema::{QualifiedName, Schema};
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

/// What uses the domain `d` in `from` and still uses it in `to`, other than the table
/// columns the cascade turns into the base type and back: a domain over it, a composite
/// type's attribute, or a generated column, named.
fn kept_user(d: &QualifiedName, from: &Schema, to: &Schema) -> Option<String> {
    let is_it = |q: &Option<QualifiedName>| q.as_ref() == Some(d);
    for o in from.domains.values() {
        if is_it(&o.type_ref) && to.domains.get(&o.name).is_some_and(|a| is_it(&a.type_ref)) {
            return Some(format!("domain {}", o.name));
        }
    }
    for c in from.composites.values() {
        let Some(after) = to.composites.get(&c.name) else {
            continue;
        };
        let kept = |a: &&migrator_core::schema::Attribute| {
            is_it(&a.type_ref)
                && after
                    .attributes
                    .iter()
                    .any(|b| b.name == a.name && is_it(&b.type_ref))
        };
        if let Some(a) = c.attributes.iter().find(kept) {
            return Some(format!("attribute {}.{}", c.name, a.name));
        }
    }
    for t in from.tables.values() {
        let Some(after) = to.tables.get(&t.name) else {
            continue;
        };
        let kept = |c: &&migrator_core::schema::Column| {
            is_it(&c.type_ref)
                && c.generated.is_some()
                && after.column(&c.name).is_some_and(|a| is_it(&a.type_ref))
        };
        if let Some(c) = t.columns.iter().find(kept) {
            return Some(format!("generated column {}.{}", t.name, c.name));
        }
    }
    None
}

/// `DROP DOMAIN`, refused while the domain is dropped to be created again under a domain,
/// a composite attribute or a generated column that keeps using it.
fn drop_domain(c: &DropDomain, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let d = &c.0;
    let (from, to) = (ctx.rules.from, ctx.rules.to);
    if to.domains.contains_key(&d.name) {
        if let Some(user) = kept_user(&d.name, from, to) {
            return Err(BuildError::Other(format!(
                "domain {} changes its base type or collation, so it must be dropped and \
                 created, which PostgreSQL refuses while {user} uses it, and migrator moves \
                 only table columns off it (docs/SUPPORTED.md). Create the new domain under \
                 another name, move what uses it to the new one, then drop the old one",
                d.name
            )));
        }
    }
    render(ctx, c, domain_context(d))
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, domain_context);
    r.builder(drop_domain);
    r.builder(alter_domain);
}
