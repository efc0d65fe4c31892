//! DDL builders for this kind's change kinds.
//!
//! Composite types: created, dropped, and altered attribute by attribute.

use crate::ddl::comments::restore_comment;
use crate::ddl::definitions::type_sql;
use crate::ddl::{create_drop_builders, qname, render};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{AlterComposite, Attribute, CompositeType};
use serde_json::{json, Value};

/// An attribute's type, with its collation when it has one.
fn attribute_type(a: &Attribute) -> String {
    let ty = type_sql(&a.data_type, &a.type_ref);
    match &a.collation {
        Some(coll) => format!("{ty} COLLATE {}", quote_ident(coll)),
        None => ty,
    }
}

fn attribute_sql(a: &Attribute) -> String {
    format!("{} {}", quote_ident(&a.name), attribute_type(a))
}

fn composite_context(t: &CompositeType) -> Value {
    let comments = restore_comment(t);
    json!({
        "name": qname(&t.name),
        "attributes": t.attributes.iter().map(attribute_sql).collect::<Vec<_>>(),
        "comments": comments,
    })
}

/// Attributes dropped, retyped and added, as `ALTER TYPE` actions. `CASCADE` carries each
/// change into the columns that use the type, which PostgreSQL otherwise refuses. What
/// reads a typed table whose column is dropped or retyped is out of the way by then: the
/// diff's cascade drops it before and creates it after.
pub fn alter_composite(
    c: &AlterComposite,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let AlterComposite { from, to, .. } = c;
    let mut actions = Vec::new();
    for a in &from.attributes {
        match to.attributes.iter().find(|b| b.name == a.name) {
            None => actions.push(format!("DROP ATTRIBUTE {} CASCADE", quote_ident(&a.name))),
            Some(b) if b != a => actions.push(format!(
                "ALTER ATTRIBUTE {} TYPE {} CASCADE",
                quote_ident(&b.name),
                attribute_type(b)
            )),
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

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, composite_context);
    r.builder(alter_composite);
}
