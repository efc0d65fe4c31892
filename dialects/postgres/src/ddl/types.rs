//! Builders for domains and composite types.

use super::comment::comment_context;
use super::{qname, render, BuildContext, BuildError, Statement};
use crate::quote::quote_ident;
use migrator_core::kinds::*;
use migrator_core::schema::{Attribute, CompositeType, Domain};
use serde_json::{json, Value};

/// A type as written in DDL: user types in `public` qualified, as for columns.
fn type_sql(data_type: &str, type_ref: &Option<migrator_core::schema::QualifiedName>) -> String {
    match type_ref {
        Some(t) if t.schema == "public" && !data_type.starts_with("public.") => {
            format!("public.{data_type}")
        }
        _ => data_type.to_string(),
    }
}

fn domain_context(d: &Domain) -> Value {
    let comments: Vec<_> = d
        .comment
        .iter()
        .map(|t| {
            comment_context(
                &CommentTarget::Domain {
                    name: d.name.clone(),
                },
                Some(t),
            )
        })
        .collect();
    json!({
        "name": qname(&d.name),
        "type": type_sql(&d.data_type, &d.type_ref),
        "collation": d.collation.as_deref().map(quote_ident),
        "default": d.default.as_ref().map(|e| e.sql.clone()),
        "not_null": d.not_null,
        "checks": d.checks.iter().map(|(n, e)| json!({"name": quote_ident(n), "expr": e.sql})).collect::<Vec<_>>(),
        "comments": comments,
    })
}

pub fn create_domain(c: &CreateDomain, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let CreateDomain(d) = c;
    render(ctx, c, domain_context(d))
}

pub fn drop_domain(c: &DropDomain, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let DropDomain(d) = c;
    render(ctx, c, domain_context(d))
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

fn attribute_sql(a: &Attribute) -> String {
    let mut s = format!(
        "{} {}",
        quote_ident(&a.name),
        type_sql(&a.data_type, &a.type_ref)
    );
    if let Some(coll) = &a.collation {
        s.push_str(&format!(" COLLATE {}", quote_ident(coll)));
    }
    s
}

fn composite_context(t: &CompositeType) -> Value {
    let comments: Vec<_> = t
        .comment
        .iter()
        .map(|x| {
            comment_context(
                &CommentTarget::Type {
                    name: t.name.clone(),
                },
                Some(x),
            )
        })
        .collect();
    json!({
        "name": qname(&t.name),
        "attributes": t.attributes.iter().map(attribute_sql).collect::<Vec<_>>(),
        "comments": comments,
    })
}

pub fn create_composite(
    c: &CreateComposite,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let CreateComposite(t) = c;
    render(ctx, c, composite_context(t))
}

pub fn drop_composite(c: &DropComposite, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let DropComposite(t) = c;
    render(ctx, c, composite_context(t))
}

/// Attributes dropped, retyped and added, as `ALTER TYPE` actions. `CASCADE` carries each
/// change into the columns that use the type, which PostgreSQL otherwise refuses.
pub fn alter_composite(
    c: &AlterComposite,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let AlterComposite { from, to } = c;
    let mut actions = Vec::new();
    for a in &from.attributes {
        match to.attributes.iter().find(|b| b.name == a.name) {
            None => actions.push(format!("DROP ATTRIBUTE {} CASCADE", quote_ident(&a.name))),
            Some(b) if b != a => {
                let mut s = format!(
                    "ALTER ATTRIBUTE {} TYPE {}",
                    quote_ident(&b.name),
                    type_sql(&b.data_type, &b.type_ref)
                );
                if let Some(coll) = &b.collation {
                    s.push_str(&format!(" COLLATE {}", quote_ident(coll)));
                }
                actions.push(format!("{s} CASCADE"));
            }
            _ => {}
        }
    }
    // The whole statement is guarded on its first added attribute: one ALTER TYPE is atomic.
    let mut guard = None;
    for b in &to.attributes {
        if !from.attributes.iter().any(|a| a.name == b.name) {
            actions.push(format!("ADD ATTRIBUTE {} CASCADE", attribute_sql(b)));
            guard = guard.or(Some(b.name.clone()));
        }
    }
    if ctx.options().idempotent {
        for a in &mut actions {
            if a.starts_with("DROP ATTRIBUTE ") {
                *a = a.replacen("DROP ATTRIBUTE ", "DROP ATTRIBUTE IF EXISTS ", 1);
            }
        }
    }
    render(
        ctx,
        c,
        json!({ "name": qname(&to.name), "actions": actions, "guard": guard }),
    )
}
