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
/// change into the columns that use the type, which PostgreSQL otherwise refuses.
pub fn alter_composite(
    c: &AlterComposite,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let AlterComposite { from, to } = c;
    refuse_under_readers(from, to, ctx)?;
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

/// PostgreSQL's `ALTER TYPE … CASCADE` drops what reads a typed table's column whose
/// attribute goes (and refuses to retype one a view reads), and migrator does not take
/// those readers off and put them back around it yet: refused while a view or a rule
/// reads a typed table of the type whose attributes are dropped or retyped.
fn refuse_under_readers(
    from: &CompositeType,
    to: &CompositeType,
    ctx: &BuildContext,
) -> Result<(), BuildError> {
    let disturbs = from
        .attributes
        .iter()
        .any(|a| to.attributes.iter().all(|b| b.name != a.name || b != a));
    if !disturbs {
        return Ok(());
    }
    let schema = ctx.rules.from;
    let typed: Vec<_> = schema
        .tables
        .values()
        .filter(|t| t.of_type.as_ref() == Some(&from.name))
        .map(|t| &t.name)
        .collect();
    let views = schema
        .views
        .values()
        .map(|v| (format!("view {}", v.name), &v.depends_on));
    let rules = schema
        .rules
        .values()
        .map(|r| (format!("rule {}", r.name), &r.depends_on));
    for (reader, depends_on) in views.chain(rules) {
        if let Some(table) = depends_on.iter().find(|d| typed.contains(d)) {
            return Err(BuildError::Other(format!(
                "composite type {} drops or retypes attributes, which changes the columns \
                 of its typed table {table} (ALTER TYPE … CASCADE), and {reader} reads that \
                 table: migrator does not take what reads a typed table off and put it back \
                 around the type's change yet (docs/SUPPORTED.md). Drop {reader} in one \
                 migration and create it again in the next",
                from.name
            )));
        }
    }
    Ok(())
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, composite_context);
    r.builder(alter_composite);
}
