//! DDL builders for this kind's change kinds.
//!
//! Enum types: created, dropped, values renamed, and altered (values added in place, or the
//! type rebuilt when values are removed or reordered).

use crate::ddl::comments::restore_comment;
use crate::ddl::context_builder;
use crate::ddl::definitions::qualified_type;
use crate::ddl::{qname, render};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::dialect::RuleContext;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{AlterEnum, CreateEnum, DropEnum, EnumType, EnumUsage, RenameEnumValue};
use migrator_core::plan::TxRule;
use migrator_core::render::quote_literal;
use migrator_core::schema::QualifiedName;
use serde_json::json;
use serde_json::Value;

fn comments(e: &EnumType) -> Vec<serde_json::Value> {
    restore_comment(e)
}

pub fn create_enum(c: &CreateEnum) -> Value {
    let CreateEnum(e) = c;
    json!({
        "name": qname(&e.name),
        "values": e.values.iter().map(|v| quote_literal(v)).collect::<Vec<_>>(),
        "comments": comments(e),
    })
}

pub fn drop_enum(c: &DropEnum) -> Value {
    let DropEnum(e) = c;
    json!({ "name": qname(&e.name) })
}

/// One `ADD VALUE`: the value, and the existing value it goes before (`None`: at the end).
#[derive(Debug, PartialEq)]
struct Addition {
    value: String,
    before: Option<String>,
}

/// `ADD VALUE` placements that turn `from` into `to`, or `None` when values must go or move.
fn additions(from: &[String], to: &[String]) -> Option<Vec<Addition>> {
    let kept: Vec<&String> = to.iter().filter(|v| from.contains(v)).collect();
    if kept.len() != from.len() || kept.iter().zip(from).any(|(a, b)| *a != b) {
        return None;
    }
    let mut present: Vec<&String> = from.iter().collect();
    let mut out = Vec::new();
    for (i, v) in to.iter().enumerate() {
        if present.contains(&v) {
            continue;
        }
        let next = to[i + 1..].iter().find(|n| present.contains(n));
        out.push(Addition {
            value: v.clone(),
            before: next.cloned(),
        });
        present.push(v);
    }
    Some(out)
}

/// The values to add in place, or `None` when the type must be rebuilt: values are removed
/// or reordered, or a column's default changes with them (a value added in place cannot be
/// used, even in a default, before its transaction commits).
fn in_place(from: &[String], to: &[String], usages: &[EnumUsage]) -> Option<Vec<Addition>> {
    if usages.iter().any(|u| u.column.default != u.default_after) {
        return None;
    }
    additions(from, to)
}

/// Adding values runs alone: a value added in a transaction cannot be used before commit.
pub fn tx_rule(c: &AlterEnum, _: &RuleContext) -> TxRule {
    if in_place(&c.from.values, &c.to.values, &c.usages).is_some() {
        TxRule::Alone
    } else {
        TxRule::InTransaction
    }
}

pub fn alter_enum(c: &AlterEnum, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let AlterEnum { from, to, usages } = c;
    if let Some(adds) = in_place(&from.values, &to.values, usages) {
        let adds: Vec<_> = adds
            .into_iter()
            .map(|a| {
                json!({
                    "value": quote_literal(&a.value),
                    "position": a.before.map(|n| format!("BEFORE {}", quote_literal(&n))),
                })
            })
            .collect();
        return render(
            ctx,
            c,
            json!({ "name": qname(&to.name), "add": adds, "rebuild": false }),
        );
    }
    if let Some(user) = rebuild_blocker(&to.name, ctx) {
        return Err(BuildError::Other(format!(
            "enum type {} must be rebuilt (values removed or reordered, or a default that \
             needs a new value), and {user} uses it: the rebuild converts table columns \
             only, and PostgreSQL would refuse to drop the old type (docs/SUPPORTED.md). \
             Add the values in place (in their order, with the defaults that use them in a \
             later migration), or move {user} off the type first",
            to.name
        )));
    }
    let old = QualifiedName::new(to.name.schema.clone(), format!("{}_old", to.name.name));
    let columns: Vec<_> = usages
        .iter()
        .map(|u| {
            let array = u.column.data_type.ends_with("[]");
            let ty = qualified_type(&u.column);
            json!({
                "table": qname(&u.table),
                "column": quote_ident(&u.column.name),
                "type": ty,
                "using": format!(
                    "{}::text{}::{ty}",
                    quote_ident(&u.column.name),
                    if array { "[]" } else { "" },
                ),
                "drop_default": u.column.default.is_some(),
                "default": u.default_after.as_ref().map(|d| d.sql.clone()),
            })
        })
        .collect();
    render(
        ctx,
        c,
        json!({
            "name": qname(&to.name),
            "old_name": quote_ident(&old.name),
            "old": qname(&old),
            "values": to.values.iter().map(|v| quote_literal(v)).collect::<Vec<_>>(),
            "columns": columns,
            "rebuild": true,
            "comments": comments(to),
        }),
    )
}

/// What else than a table column uses the enum `name` on both sides of the step, and
/// would hold the old type through its rebuild: a domain over it, an attribute of a
/// composite type, a range over it.
fn rebuild_blocker(name: &QualifiedName, ctx: &BuildContext) -> Option<String> {
    let (from, to) = (ctx.rules.from, ctx.rules.to);
    let uses = |r: &Option<QualifiedName>| r.as_ref() == Some(name);
    let domain = from
        .domains
        .values()
        .filter(|d| uses(&d.type_ref) && to.domains.contains_key(&d.name))
        .map(|d| format!("domain {}", d.name));
    let attribute = from.composites.values().flat_map(|c| {
        c.attributes
            .iter()
            .filter(|a| uses(&a.type_ref) && to.composites.contains_key(&c.name))
            .map(move |a| format!("attribute {} of composite type {}", a.name, c.name))
    });
    let range = from
        .ranges
        .values()
        .filter(|r| uses(&r.subtype_ref) && to.ranges.contains_key(&r.name))
        .map(|r| format!("range type {}", r.name));
    domain.chain(attribute).chain(range).next()
}

pub fn rename_enum_value(c: &RenameEnumValue) -> Value {
    let RenameEnumValue { name, from, to } = c;
    json!({ "name": qname(name), "from": quote_literal(from), "to": quote_literal(to) })
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(context_builder(create_enum));
    r.builder(context_builder(drop_enum));
    r.builder(alter_enum);
    r.builder(context_builder(rename_enum_value));
    r.tx_rule(tx_rule);
}

#[cfg(test)]
mod tests {
    use super::additions;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn places_new_values_before_their_successor() {
        let adds = additions(&v(&["a", "c"]), &v(&["a", "b", "c", "d"])).unwrap();
        assert_eq!(adds[0].value, "b");
        assert_eq!(adds[0].before.as_deref(), Some("c"));
        assert_eq!(adds[1].before, None);
    }

    #[test]
    fn removal_or_reorder_needs_a_rebuild() {
        assert!(additions(&v(&["a", "b"]), &v(&["a"])).is_none());
        assert!(additions(&v(&["a", "b"]), &v(&["b", "a"])).is_none());
    }
}
