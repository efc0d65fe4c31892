//! Column and constraint definitions, rendered by one function each: `CREATE TABLE`,
//! `ADD COLUMN`, `ADD CONSTRAINT` and the enum rebuild all write them the same way.

use crate::ddl::comments::restore_comment_on;
use crate::ddl::qname;
use crate::quote::quote_ident;
use migrator_core::kinds::{Column, CommentTarget, Constraint, ConstraintKind, SequenceOptions};
use migrator_core::schema::QualifiedName;
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

/// A type as written in DDL: user types in `public` qualified, as for columns.
pub fn type_sql(
    data_type: &str,
    type_ref: &Option<migrator_core::schema::QualifiedName>,
) -> String {
    match type_ref {
        Some(t) if t.schema == "public" && !data_type.starts_with("public.") => {
            format!("public.{data_type}")
        }
        _ => data_type.to_string(),
    }
}

/// The options that differ from PostgreSQL's defaults, as SQL (`AS integer START WITH 10`).
pub fn options_clause(o: &SequenceOptions, include_type: bool) -> String {
    let d = SequenceOptions::defaults(&o.data_type, o.increment);
    let mut parts = Vec::new();
    if include_type && o.data_type != "bigint" {
        parts.push(format!("AS {}", o.data_type));
    }
    if o.increment != 1 {
        parts.push(format!("INCREMENT BY {}", o.increment));
    }
    if o.min_value != d.min_value {
        parts.push(format!("MINVALUE {}", o.min_value));
    }
    if o.max_value != d.max_value {
        parts.push(format!("MAXVALUE {}", o.max_value));
    }
    let default_start = if o.increment > 0 {
        o.min_value
    } else {
        o.max_value
    };
    if o.start != default_start {
        parts.push(format!("START WITH {}", o.start));
    }
    if o.cache != 1 {
        parts.push(format!("CACHE {}", o.cache));
    }
    if o.cycle {
        parts.push("CYCLE".to_string());
    }
    parts.join(" ")
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
    if !c.fdw_options.is_empty() {
        let options = crate::kinds::foreign_data::ddl::option_list(&c.fdw_options);
        def.push_str(&format!(" OPTIONS ({})", options.join(", ")));
    }
    if let Some(coll) = &c.collation {
        def.push_str(&format!(" COLLATE {}", quote_ident(coll)));
    }
    if let Some(g) = &c.generated {
        def.push_str(&format!(" GENERATED ALWAYS AS ({}) STORED", g.sql));
    }
    if let Some(d) = &c.default {
        def.push_str(&format!(
            " DEFAULT {}",
            crate::normalize::default_operand(&d.sql)
        ));
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
        // Set after the column exists: `SET STATISTICS n`, `SET (…)`.
        "settings": column_settings(c),
        "definition": def,
    })
}

/// The `ALTER COLUMN` actions a new column needs after its definition: its statistics
/// target and attribute options.
fn column_settings(c: &Column) -> Vec<String> {
    let mut out: Vec<String> = c
        .statistics
        .iter()
        .map(|s| format!("SET STATISTICS {s}"))
        .collect();
    out.extend(crate::kinds::column::ddl::option_actions(&[], &c.options));
    out
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
            on_delete_columns,
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
                if !on_delete_columns.is_empty() {
                    s.push_str(&format!(" ({})", idents(on_delete_columns)));
                }
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

pub fn column_comment(table: &QualifiedName, c: &Column) -> Option<Value> {
    restore_comment_on(
        CommentTarget::Column {
            table: table.clone(),
            column: c.name.clone(),
        },
        c.comment.as_deref(),
    )
    .pop()
}

/// The `COMMENT ON` statements that restore a created constraint's comment and its index's
/// (none for those it does not have).
pub fn constraint_comments(table: &QualifiedName, c: &Constraint) -> Vec<Value> {
    let mut out = constraint_comment(table, c);
    out.extend(restore_comment_on(
        constraint_index(table, c),
        c.index_comment.as_deref(),
    ));
    out
}

/// The `COMMENT ON CONSTRAINT` that restores a created constraint's own comment.
pub fn constraint_comment(table: &QualifiedName, c: &Constraint) -> Vec<Value> {
    let on = CommentTarget::Constraint {
        table: table.clone(),
        name: c.name.clone(),
    };
    restore_comment_on(on, c.comment.as_deref())
}

/// The index behind key constraint `c` of `table`, as a comment's target.
pub fn constraint_index(table: &QualifiedName, c: &Constraint) -> CommentTarget {
    CommentTarget::ConstraintIndex {
        table: table.clone(),
        name: c.name.clone(),
    }
}
