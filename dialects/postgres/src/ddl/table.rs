//! Builders for tables, and the column and constraint definitions every builder shares.

use super::comment::comment_context;
use super::sequence::options_clause;
use super::{qname, render, BuildContext, BuildError, Statement};
use crate::quote::quote_ident;
use migrator_core::kinds::*;
use migrator_core::schema::{Column, Constraint, ConstraintKind, QualifiedName, Table};
use serde_json::{json, Value};

fn idents(names: &[String]) -> String {
    names
        .iter()
        .map(|n| quote_ident(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The column's type, schema-qualified when it is a user type in `public` (the canonical
/// text leaves `public` out), so the DDL does not depend on the search path.
pub fn qualified_type(c: &Column) -> String {
    match &c.type_ref {
        Some(t) if t.schema == "public" && !c.data_type.starts_with("public.") => {
            format!("public.{}", c.data_type)
        }
        _ => c.data_type.clone(),
    }
}

/// `GENERATED ALWAYS AS IDENTITY (…)` for an identity column.
pub fn identity_clause(c: &Column) -> Option<String> {
    c.identity.as_ref().map(|i| {
        let opts = options_clause(&i.options, false);
        format!(
            "GENERATED {} AS IDENTITY{}",
            if i.always { "ALWAYS" } else { "BY DEFAULT" },
            if opts.is_empty() {
                String::new()
            } else {
                format!(" ({opts})")
            }
        )
    })
}

/// The column's context: its parts and its whole definition, as in `CREATE TABLE`.
pub fn column_context(c: &Column) -> Value {
    let data_type = qualified_type(c);
    let mut def = format!("{} {data_type}", quote_ident(&c.name));
    if let Some(coll) = &c.collation {
        def.push_str(&format!(" COLLATE {}", quote_ident(coll)));
    }
    if let Some(g) = &c.generated {
        def.push_str(&format!(" GENERATED ALWAYS AS ({}) STORED", g.sql));
    }
    if let Some(d) = &c.default {
        def.push_str(&format!(" DEFAULT {}", d.sql));
    }
    let identity = identity_clause(c);
    if let Some(i) = &identity {
        def.push(' ');
        def.push_str(i);
    }
    if c.not_null && c.identity.is_none() {
        def.push_str(" NOT NULL");
    }
    json!({
        "name": quote_ident(&c.name),
        "type": data_type,
        "collation": c.collation.as_deref().map(quote_ident),
        "default": c.default.as_ref().map(|d| d.sql.clone()),
        "generated": c.generated.as_ref().map(|g| g.sql.clone()),
        "identity": identity,
        "not_null": c.not_null,
        "storage": c.storage.as_ref().map(|s| s.mode.clone()),
        "definition": def,
    })
}

/// A constraint's definition as it follows `CONSTRAINT name`.
pub fn constraint_definition(c: &Constraint) -> String {
    let mut def = match &c.kind {
        ConstraintKind::PrimaryKey { columns, include } => {
            let mut s = format!("PRIMARY KEY ({})", idents(columns));
            if !include.is_empty() {
                s.push_str(&format!(" INCLUDE ({})", idents(include)));
            }
            s
        }
        ConstraintKind::Unique {
            columns,
            include,
            nulls_not_distinct,
        } => {
            let mut s = format!(
                "UNIQUE{} ({})",
                if *nulls_not_distinct {
                    " NULLS NOT DISTINCT"
                } else {
                    ""
                },
                idents(columns)
            );
            if !include.is_empty() {
                s.push_str(&format!(" INCLUDE ({})", idents(include)));
            }
            s
        }
        ConstraintKind::Check { expr, no_inherit } => {
            format!(
                "CHECK ({}){}",
                expr.sql,
                if *no_inherit { " NO INHERIT" } else { "" }
            )
        }
        ConstraintKind::ForeignKey {
            columns,
            ref_table,
            ref_columns,
            on_delete,
            on_update,
            match_full,
        } => {
            let mut s = format!(
                "FOREIGN KEY ({}) REFERENCES {} ({})",
                idents(columns),
                qname(ref_table),
                idents(ref_columns)
            );
            if *match_full {
                s.push_str(" MATCH FULL");
            }
            if on_update.sql() != "NO ACTION" {
                s.push_str(&format!(" ON UPDATE {}", on_update.sql()));
            }
            if on_delete.sql() != "NO ACTION" {
                s.push_str(&format!(" ON DELETE {}", on_delete.sql()));
            }
            s
        }
        ConstraintKind::Exclude { definition } => definition.sql.clone(),
    };
    if c.deferrable {
        def.push_str(" DEFERRABLE");
        if c.initially_deferred {
            def.push_str(" INITIALLY DEFERRED");
        }
    }
    def
}

pub fn constraint_context(c: &Constraint) -> Value {
    json!({
        "name": quote_ident(&c.name),
        "raw_name": c.name,
        "definition": constraint_definition(c),
    })
}

/// Comments of a table, its columns and its constraints, for restoring them.
fn table_comments(t: &Table) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(text) = &t.comment {
        out.push(comment_context(
            &CommentTarget::Table {
                name: t.name.clone(),
            },
            Some(text),
        ));
    }
    for c in &t.columns {
        out.extend(column_comment(&t.name, c));
    }
    for c in t.constraints.values() {
        out.extend(constraint_comment(&t.name, c));
    }
    out
}

pub fn column_comment(table: &QualifiedName, c: &Column) -> Option<Value> {
    c.comment.as_ref().map(|text| {
        comment_context(
            &CommentTarget::Column {
                table: table.clone(),
                column: c.name.clone(),
            },
            Some(text),
        )
    })
}

pub fn constraint_comment(table: &QualifiedName, c: &Constraint) -> Option<Value> {
    c.comment.as_ref().map(|text| {
        comment_context(
            &CommentTarget::Constraint {
                table: table.clone(),
                name: c.name.clone(),
            },
            Some(text),
        )
    })
}

pub fn create_table(c: &CreateTable, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let CreateTable(t) = c;
    super::check_table_features(
        ctx,
        c,
        &t.columns.iter().collect::<Vec<_>>(),
        &t.constraints.values().collect::<Vec<_>>(),
    )?;
    render(
        ctx,
        c,
        json!({
            "name": qname(&t.name),
            // Inherited columns come with the parents.
            "columns": t.columns.iter().filter(|c| !c.inherited).map(column_context).collect::<Vec<_>>(),
            "inherits": t.inherits.iter().map(qname).collect::<Vec<_>>(),
            "constraints": t.constraints.values().map(constraint_context).collect::<Vec<_>>(),
            "comments": table_comments(t),
            "partition_by": t.partition_by,
            "partition_of": t.partition_of.as_ref().map(|p| qname(&p.parent)),
            "bound": t.partition_of.as_ref().map(|p| p.bound.clone()),
            "row_security": t.row_security,
            "force_row_security": t.force_row_security,
        }),
    )
}

pub fn drop_table(c: &DropTable, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let DropTable(t) = c;
    render(ctx, c, json!({ "name": qname(&t.name) }))
}

/// `ALTER TABLE parent DETACH PARTITION` / `ATTACH PARTITION … bound`.
pub fn set_partition(c: &SetPartition, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let SetPartition { table, from, to } = c;
    render(
        ctx,
        c,
        json!({
            "table": qname(table),
            "detach_from": from.as_ref().map(|p| qname(&p.parent)),
            "attach_to": to.as_ref().map(|p| qname(&p.parent)),
            "bound": to.as_ref().map(|p| p.bound.clone()),
        }),
    )
}

/// `ALTER TABLE … NO INHERIT parent` / `INHERIT parent`.
pub fn set_inherits(c: &SetInherits, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let SetInherits { table, from, to } = c;
    render(
        ctx,
        c,
        json!({
            "table": qname(table),
            "removed": from.iter().filter(|p| !to.contains(p)).map(qname).collect::<Vec<_>>(),
            "added": to.iter().filter(|p| !from.contains(p)).map(qname).collect::<Vec<_>>(),
        }),
    )
}
