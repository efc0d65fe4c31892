//! How any object is named in `COMMENT ON` (and in `GRANT`/`DROP` for routines and
//! operators): every kind that restores its comments when it creates an object uses it.

use crate::ddl::qname;
use crate::quote::quote_ident;
use migrator_core::identity::ObjectId;
use migrator_core::kinds::{CommentTarget, Commented};
use migrator_core::render::quote_literal;
use migrator_core::schema::QualifiedName;
use serde_json::{json, Value};

/// `{on, target, text}` for the comment templates; `text` is an SQL literal or `NULL`.
pub fn comment_context(target: &CommentTarget, text: Option<&str>) -> Value {
    let (on, target) = match target {
        CommentTarget::Schema { name } => ("SCHEMA", quote_ident(name)),
        CommentTarget::Extension { name } => ("EXTENSION", quote_ident(name)),
        CommentTarget::Type { name } => ("TYPE", qname(name)),
        CommentTarget::Domain { name } => ("DOMAIN", qname(name)),
        CommentTarget::Sequence { name } => ("SEQUENCE", qname(name)),
        CommentTarget::Table { name } => ("TABLE", qname(name)),
        CommentTarget::Column { table, column } => (
            "COLUMN",
            format!("{}.{}", qname(table), quote_ident(column)),
        ),
        CommentTarget::Constraint { table, name } => ("CONSTRAINT", on_table(name, table)),
        CommentTarget::Index { name } => ("INDEX", qname(name)),
        CommentTarget::ConstraintIndex { table, name } => (
            "INDEX",
            qname(&QualifiedName::new(table.schema.clone(), name.clone())),
        ),
        CommentTarget::Function { id, procedure } => (
            if *procedure { "PROCEDURE" } else { "FUNCTION" },
            routine_signature(id),
        ),
        CommentTarget::Aggregate { id } => ("AGGREGATE", routine_signature(id)),
        CommentTarget::Operator { id } => ("OPERATOR", operator_signature(id)),
        CommentTarget::Policy { table, name } => ("POLICY", on_table(name, table)),
        CommentTarget::Trigger { table, name } => ("TRIGGER", on_table(name, table)),
        CommentTarget::Rule { relation, name } => ("RULE", on_table(name, relation)),
        CommentTarget::Collation { name } => ("COLLATION", qname(name)),
        CommentTarget::Statistics { name } => ("STATISTICS", qname(name)),
        CommentTarget::Publication { name } => ("PUBLICATION", quote_ident(name)),
        CommentTarget::ForeignDataWrapper { name } => ("FOREIGN DATA WRAPPER", quote_ident(name)),
        CommentTarget::ForeignServer { name } => ("SERVER", quote_ident(name)),
        CommentTarget::ForeignTable { name } => ("FOREIGN TABLE", qname(name)),
        CommentTarget::View { name, materialized } => (
            if *materialized {
                "MATERIALIZED VIEW"
            } else {
                "VIEW"
            },
            qname(name),
        ),
    };
    json!({
        "on": on,
        "target": target,
        "text": text.map_or_else(|| "NULL".to_string(), quote_literal),
    })
}

/// `name ON table`: how a constraint, policy or trigger is named, by its table.
fn on_table(name: &str, table: &QualifiedName) -> String {
    format!("{} ON {}", quote_ident(name), qname(table))
}

/// The `COMMENT ON` that restores a created object's comment: none when it has none.
pub fn restore_comment(object: &impl Commented) -> Vec<Value> {
    restore_comment_on(object.comment_on(), object.comment().as_deref())
}

/// The `COMMENT ON target` that restores `comment`: none when there is none.
pub fn restore_comment_on(target: CommentTarget, comment: Option<&str>) -> Vec<Value> {
    comment
        .map(|text| comment_context(&target, Some(text)))
        .into_iter()
        .collect()
}

/// `schema.name(argument types)` for a function's or aggregate's id (`name(direct ORDER BY
/// aggregated)` for an ordered-set aggregate).
pub fn routine_signature(id: &ObjectId) -> String {
    let (schema, name) = (quote_ident(&id.schema), quote_ident(&id.name));
    format!("{schema}.{name}({})", id.signature_text())
}

/// `schema.op (left, right)` for an operator's id.
pub fn operator_signature(id: &ObjectId) -> String {
    let args = id.signature.as_deref().unwrap_or_default().join(", ");
    format!("{}.{} ({args})", quote_ident(&id.schema), id.name)
}

/// The context of a kind created from its canonical definition and dropped by `signature`
/// (aggregates, operators), with its comment to restore.
pub fn defined_object_context(
    object: &impl Commented,
    signature: String,
    definition: &str,
) -> Value {
    json!({
        "signature": signature,
        "definition": definition,
        "comments": restore_comment(object),
    })
}
