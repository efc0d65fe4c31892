//! DDL builders for this kind's change kinds.
//!
//! Base types: the shell (`CREATE TYPE name;`, dropped `IF EXISTS` since the type's own
//! `DROP … CASCADE` takes it), the full definition (`CREATE TYPE name (…)` with the options
//! that differ from what PostgreSQL fills in; `DROP TYPE … CASCADE`, which takes the I/O
//! functions along) and `ALTER TYPE … SET (…)` for the options PostgreSQL alters in place.
//! A base type that would be dropped and created (another option changes) is refused: its
//! `CASCADE` would take its I/O functions, which stay in the plan, along.

use crate::ddl::comments::restore_comment;
use crate::ddl::definitions::type_sql;
use crate::ddl::{context_builder, qname, render};
use crate::quote::quote_ident;
use migrator_core::dialect::{BuildContext, BuildError, Registry, Statement};
use migrator_core::kinds::{
    AlterBaseType, CreateBaseType, CreateShellType, DropBaseType, DropShellType,
};
use migrator_core::schema::{BaseType, Column, QualifiedName};
use serde_json::{json, Value};

/// A string literal.
fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A support function as an option's value: `NONE` when there is none.
fn function(f: &Option<QualifiedName>) -> String {
    f.as_ref().map_or_else(|| "NONE".to_string(), qname)
}

/// The options `ALTER TYPE … SET` can change, by name, with their values in `t`.
fn alterable(t: &BaseType) -> [(&'static str, String); 7] {
    [
        ("RECEIVE", function(&t.receive)),
        ("SEND", function(&t.send)),
        ("TYPMOD_IN", function(&t.typmod_in)),
        ("TYPMOD_OUT", function(&t.typmod_out)),
        ("ANALYZE", function(&t.analyze)),
        ("SUBSCRIPT", function(&t.subscript)),
        ("STORAGE", t.storage.clone()),
    ]
}

/// The `CREATE TYPE name (…)` options of `t`: those that differ from PostgreSQL's defaults.
fn options(t: &BaseType) -> Vec<String> {
    let mut out = vec![
        format!("INPUT = {}", qname(&t.input)),
        format!("OUTPUT = {}", qname(&t.output)),
    ];
    let set = |name: &str, value: String| format!("{name} = {value}");
    out.extend(
        alterable(t)
            .into_iter()
            .filter(|(name, value)| value != "NONE" && !(*name == "STORAGE" && value == "plain"))
            .map(|(name, value)| set(name, value)),
    );
    out.push(match t.internal_length {
        -1 => "INTERNALLENGTH = VARIABLE".to_string(),
        n => set("INTERNALLENGTH", n.to_string()),
    });
    if t.passed_by_value {
        out.push("PASSEDBYVALUE".into());
    }
    if t.alignment != "int4" {
        out.push(set("ALIGNMENT", t.alignment.clone()));
    }
    if t.category != "U" {
        out.push(set("CATEGORY", literal(&t.category)));
    }
    if t.preferred {
        out.push("PREFERRED = true".into());
    }
    if let Some(d) = &t.default {
        out.push(set("DEFAULT", literal(d)));
    }
    if let Some(e) = &t.element {
        out.push(set("ELEMENT", type_sql(e, &t.element_ref)));
    }
    if t.delimiter != "," {
        out.push(set("DELIMITER", literal(&t.delimiter)));
    }
    if t.collatable {
        out.push("COLLATABLE = true".into());
    }
    out
}

/// The type's name, quoted, and its schema and name apart for the guards (`to_regtype`
/// refuses a shell type, so they look in `pg_type`).
fn names(name: &QualifiedName) -> Value {
    json!({ "name": qname(name), "schema": name.schema, "type": name.name })
}

fn shell_context(name: &QualifiedName) -> Value {
    let mut context = names(name);
    context["defined"] = json!(false);
    context["comments"] = json!([]);
    context
}

fn create_shell_type(c: &CreateShellType) -> Value {
    shell_context(&c.0.name)
}

fn drop_shell_type(c: &DropShellType) -> Value {
    shell_context(&c.0.name)
}

fn base_context(t: &BaseType) -> Value {
    let mut context = names(&t.name);
    context["defined"] = json!(true);
    context["options"] = json!(options(t));
    context["comments"] = json!(restore_comment(t));
    context
}

fn create_base_type(c: &CreateBaseType) -> Value {
    base_context(&c.0)
}

/// `DROP TYPE … CASCADE`, refused when the type is created again in its new form.
fn drop_base_type(c: &DropBaseType, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let t = &c.0;
    if let Some(new) = ctx.rules.to.base_types.get(&t.name) {
        let changed = changed_options(t, new);
        return Err(BuildError::Other(format!(
            "base type {} changes {}, which ALTER TYPE cannot change: it would have to be \
             dropped (CASCADE, with its I/O functions and what uses it) and created again, \
             which migrator does not do (docs/SUPPORTED.md). Create the new type under \
             another name, move what uses it to the new one, then drop the old one",
            t.name,
            changed.join(", ")
        )));
    }
    render(ctx, c, base_context(t))
}

/// The options (`CREATE TYPE` spelling) whose values differ between `a` and `b`.
fn changed_options(a: &BaseType, b: &BaseType) -> Vec<String> {
    let (x, y) = (options(a), options(b));
    let name = |o: &String| o.split(" = ").next().unwrap_or(o).to_string();
    let mut out: Vec<String> = x
        .iter()
        .filter(|o| !y.contains(o))
        .chain(y.iter().filter(|o| !x.contains(o)))
        .map(name)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `ALTER TYPE … SET (…)` of the alterable options that differ. A new `STORAGE` does not
/// reach the table columns of the type, which keep the mode they were created with: those
/// that follow the type's (no `SET STORAGE` of their own) on both sides get it too, as a
/// column created now would.
fn alter_base_type(c: &AlterBaseType, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let (from, to) = (alterable(&c.from), alterable(&c.to));
    let set: Vec<String> = from
        .iter()
        .zip(&to)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(_, (name, value))| format!("{name} = {value}"))
        .collect();
    let mut columns = Vec::new();
    if c.from.storage != c.to.storage {
        let name = &c.to.name;
        let follows = |col: &Column| {
            col.type_ref.as_ref() == Some(name)
                && !col.data_type.ends_with(']')
                && col.storage.is_none()
        };
        for t in ctx.rules.to.tables.values() {
            let Some(before) = ctx.rules.from.tables.get(&t.name) else {
                continue;
            };
            for col in t.columns.iter().filter(|col| follows(col)) {
                if before
                    .columns
                    .iter()
                    .any(|b| b.name == col.name && follows(b))
                {
                    columns.push(json!({
                        "table": qname(&t.name),
                        "column": quote_ident(&col.name),
                    }));
                }
            }
        }
    }
    let context = json!({
        "name": qname(&c.to.name),
        "options": set,
        "storage": c.to.storage.to_uppercase(),
        "columns": columns,
        "comments": [],
    });
    render(ctx, c, context)
}

/// Registers this kind's builders.
pub(crate) fn register(r: &mut Registry) {
    r.builder(context_builder(create_shell_type));
    r.builder(context_builder(drop_shell_type));
    r.builder(context_builder(create_base_type));
    r.builder(drop_base_type);
    r.builder(alter_base_type);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_leave_out_what_postgresql_fills_in() {
        let q = |n: &str| QualifiedName::new("public", n);
        let t = BaseType {
            storage: "extended".into(),
            category: "S".into(),
            default: Some("it's".into()),
            collatable: true,
            ..BaseType::new(q("mytext"), q("mytext_in"), q("mytext_out"))
        };
        assert_eq!(
            options(&t).join(", "),
            "INPUT = public.mytext_in, OUTPUT = public.mytext_out, STORAGE = extended, \
             INTERNALLENGTH = VARIABLE, CATEGORY = 'S', DEFAULT = 'it''s', COLLATABLE = true"
        );
    }
}
