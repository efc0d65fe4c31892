//! DDL builders for this kind's change kinds.
//!
//! Range types: created (`CREATE TYPE … AS RANGE`, with the options that differ from what
//! PostgreSQL fills in) and dropped. A range type that changes is dropped and created; while
//! a table column, a domain or a composite attribute that stays uses it (or its multirange
//! type), PostgreSQL refuses the drop, so the builder refuses it first, with the way out.

use crate::ddl::comments::restore_comment;
use crate::ddl::definitions::type_sql;
use crate::ddl::{qname, render};
use crate::quote::quote_ident;
use migrator_core::dialect::{BuildContext, BuildError, Registry, Statement};
use migrator_core::kinds::{CreateRange, DropRange};
use migrator_core::schema::{Attribute, Column, QualifiedName, RangeType, Schema};
use serde_json::{json, Value};

/// The `CREATE TYPE … AS RANGE` options of `r`, in the order PostgreSQL documents them.
fn options(r: &RangeType) -> Vec<String> {
    let mut out = vec![format!(
        "SUBTYPE = {}",
        type_sql(&r.subtype, &r.subtype_ref)
    )];
    if let Some(o) = &r.opclass {
        out.push(format!("SUBTYPE_OPCLASS = {o}"));
    }
    if let Some(c) = &r.collation {
        out.push(format!("COLLATION = {}", quote_ident(c)));
    }
    if let Some(f) = &r.canonical {
        out.push(format!("CANONICAL = {}", qname(f)));
    }
    if let Some(f) = &r.subtype_diff {
        out.push(format!("SUBTYPE_DIFF = {}", qname(f)));
    }
    if !derived_multirange(r) {
        out.push(format!("MULTIRANGE_TYPE_NAME = {}", qname(&r.multirange)));
    }
    out
}

/// Whether the multirange type has the name PostgreSQL gives it by itself.
fn derived_multirange(r: &RangeType) -> bool {
    r.multirange == RangeType::derived_multirange(&r.name)
}

fn range_context(r: &RangeType) -> Value {
    json!({
        "name": qname(&r.name),
        "options": options(r),
        "comments": restore_comment(r),
    })
}

/// `CREATE TYPE … AS RANGE`; a multirange type named otherwise than PostgreSQL names it
/// needs PostgreSQL 14 (before it, there are no multirange types).
fn create_range(c: &CreateRange, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    if !derived_multirange(&c.0) {
        ctx.require_version(c, 14, "MULTIRANGE_TYPE_NAME")?;
    }
    render(ctx, c, range_context(&c.0))
}

/// What uses the range type `r` (or its multirange type) in `from` and still uses it in
/// `to`: a table column, a domain or a composite type's attribute, named.
fn kept_user(r: &RangeType, from: &Schema, to: &Schema) -> Option<String> {
    let is_it = |q: &Option<QualifiedName>| {
        q.as_ref()
            .is_some_and(|q| *q == r.name || *q == r.multirange)
    };
    for t in from.tables.values() {
        let Some(after) = to.tables.get(&t.name) else {
            continue;
        };
        let uses = |c: &Column| is_it(&c.type_ref);
        let kept =
            |c: &&Column| uses(c) && after.columns.iter().any(|a| a.name == c.name && uses(a));
        if let Some(c) = t.columns.iter().find(kept) {
            return Some(format!("column {}.{}", t.name, c.name));
        }
    }
    for d in from.domains.values() {
        if is_it(&d.type_ref) && to.domains.get(&d.name).is_some_and(|a| is_it(&a.type_ref)) {
            return Some(format!("domain {}", d.name));
        }
    }
    for c in from.composites.values() {
        let Some(after) = to.composites.get(&c.name) else {
            continue;
        };
        let uses = |a: &Attribute| is_it(&a.type_ref);
        let kept = |a: &&Attribute| {
            uses(a) && after.attributes.iter().any(|b| b.name == a.name && uses(b))
        };
        if let Some(a) = c.attributes.iter().find(kept) {
            return Some(format!("attribute {}.{}", c.name, a.name));
        }
    }
    None
}

/// `DROP TYPE` of a range type, refused while it is dropped to be created again under a
/// column, domain or attribute that keeps using it.
fn drop_range(c: &DropRange, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let r = &c.0;
    let (from, to) = (ctx.rules.from, ctx.rules.to);
    if to.ranges.contains_key(&r.name) {
        if let Some(user) = kept_user(r, from, to) {
            return Err(BuildError::Other(format!(
                "range type {} changes, and PostgreSQL has no ALTER TYPE for a range's \
                 options: it must be dropped and created, which PostgreSQL refuses while \
                 {user} uses it, and migrator does not rebuild what uses a range type \
                 (docs/SUPPORTED.md). Create the new range type under another name, move \
                 what uses it to the new one, then drop the old one",
                r.name
            )));
        }
    }
    render(ctx, c, range_context(r))
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(create_range);
    r.builder(drop_range);
}
