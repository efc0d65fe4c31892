//! DDL builders for this kind's change kinds: `CREATE PUBLICATION` (with its comment),
//! `DROP PUBLICATION`, and the `ALTER PUBLICATION` of its options, table entries and
//! schemas.

use crate::ddl::comments::restore_comment;
use crate::ddl::{context_builder, create_drop_builders};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::kinds::{
    AlterPublicationOptions, AlterPublicationSchema, AlterPublicationTable,
};
use migrator_core::render::quote_literal;
use migrator_core::schema::{Publication, PublicationOptions, PublishedTable};
use serde_json::{json, Value};

/// `TABLE ONLY t (cols) WHERE (filter)`, as `FOR` and `ADD` take it: `ONLY`, since the
/// tables inheriting from `t` are entries of their own.
fn entry(e: &PublishedTable) -> String {
    let mut out = format!("TABLE ONLY {}", crate::ddl::qname(&e.table));
    if !e.columns.is_empty() {
        let columns: Vec<String> = e.columns.iter().map(|c| quote_ident(c)).collect();
        out.push_str(&format!(" ({})", columns.join(", ")));
    }
    if let Some(f) = &e.filter {
        out.push_str(&format!(" WHERE ({})", f.sql));
    }
    out
}

/// `publish = '…', publish_via_partition_root = …`: every option (`all`), or only those
/// that differ from the defaults.
fn options(o: &PublicationOptions, all: bool) -> Vec<String> {
    let default = PublicationOptions::default();
    let mut out = Vec::new();
    if all || o.publish != default.publish {
        out.push(format!(
            "publish = {}",
            quote_literal(&o.publish.join(", "))
        ));
    }
    if all || o.via_root != default.via_root {
        out.push(format!("publish_via_partition_root = {}", o.via_root));
    }
    out
}

fn publication_context(p: &Publication) -> Value {
    let objects: Vec<String> = if p.all_tables {
        vec!["ALL TABLES".to_string()]
    } else {
        let tables = p.tables.iter().map(entry);
        let schemas = p
            .schemas
            .iter()
            .map(|s| format!("TABLES IN SCHEMA {}", quote_ident(s)));
        tables.chain(schemas).collect()
    };
    json!({
        "name": quote_ident(&p.name),
        "raw_name": p.name,
        "objects": objects,
        "options": options(&p.options, false),
        "comments": restore_comment(p),
    })
}

fn alter_options(c: &AlterPublicationOptions) -> Value {
    json!({
        "name": quote_ident(&c.publication),
        "options": options(&c.to, true),
    })
}

fn alter_table(c: &AlterPublicationTable) -> Value {
    json!({
        "name": quote_ident(&c.publication),
        "raw_name": c.publication,
        "table": c.to.as_ref().or(c.from.as_ref()).map(|e| crate::ddl::qname(&e.table)),
        "dropped": c.from.as_ref().map(|e| format!("ONLY {}", crate::ddl::qname(&e.table))),
        "added": c.to.as_ref().map(entry),
    })
}

fn alter_schema(c: &AlterPublicationSchema) -> Value {
    json!({
        "name": quote_ident(&c.publication),
        "raw_name": c.publication,
        "action": if c.to { "ADD" } else { "DROP" },
        "schema": quote_ident(&c.schema),
    })
}

/// Registers this kind's builders.
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, publication_context);
    r.builder(context_builder(alter_options));
    r.builder(context_builder(alter_table));
    r.builder(context_builder(alter_schema));
}
