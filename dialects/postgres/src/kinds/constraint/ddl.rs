//! DDL builders for this kind's change kinds.
//!
//! Table constraints added to or dropped from existing tables (`NOT VALID` and a later
//! `VALIDATE` under `--online`).

use crate::ddl::comments::{comment_context, restore_comment};
use crate::ddl::context_builder;
use crate::ddl::definitions::{
    constraint_comment, constraint_comments, constraint_context, constraint_index,
};
use crate::ddl::{check_table_features, qname, render};
use crate::kinds::index::ddl::index_context;
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{
    AddConstraint, AddKeyUsingIndex, Constraint, ConstraintKind, DropConstraint,
    DropKeyRestoringIndex, RenameConstraint, SetConstraintValid,
};
use migrator_core::schema::QualifiedName;
use serde_json::json;
use serde_json::Value;

pub fn add_constraint(c: &AddConstraint, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let AddConstraint { table, constraint } = c;
    check_table_features(ctx, c, &[], &[constraint])?;
    let online = online_not_valid(table, constraint, ctx);
    let not_valid = online || constraint.not_valid;
    let mut out = render(
        ctx,
        c,
        json!({
            "table": qname(table),
            "constraint": constraint_context(constraint),
            "not_valid": not_valid,
            "comments": constraint_comments(table, constraint),
        }),
    )?;
    // A constraint meant to stay NOT VALID is not validated by `--online` either.
    if online && !constraint.not_valid {
        out.push(Statement {
            sql: format!(
                "ALTER TABLE {} VALIDATE CONSTRAINT {};",
                qname(table),
                quote_ident(&constraint.name)
            ),
            deferred: 1,
        });
    }
    Ok(out)
}

/// `--online`: a FOREIGN KEY or CHECK added to an existing table is added `NOT VALID` (a
/// brief lock, no scan) and validated in the last step (a scan that lets writers through).
/// Partitioned parents are left alone: PostgreSQL refuses `NOT VALID` foreign keys on them.
/// Down files add constraints back plainly.
fn online_not_valid(table: &QualifiedName, constraint: &Constraint, ctx: &BuildContext) -> bool {
    !ctx.down
        && ctx.rules.online_on(table)
        && ctx
            .rules
            .from
            .tables
            .get(table)
            .is_some_and(|t| t.partition_by.is_none())
        && matches!(
            constraint.kind,
            ConstraintKind::ForeignKey { .. } | ConstraintKind::Check { .. }
        )
}

pub fn drop_constraint(c: &DropConstraint) -> Value {
    let DropConstraint { table, constraint } = c;
    json!({ "table": qname(table), "name": quote_ident(&constraint.name) })
}

/// `VALIDATE CONSTRAINT`, or the constraint dropped and added back `NOT VALID`.
pub fn set_constraint_valid(c: &SetConstraintValid) -> Value {
    json!({
        "table": qname(&c.table),
        "constraint": constraint_context(&c.constraint),
        "valid": c.to,
    })
}

/// `ADD CONSTRAINT … PRIMARY KEY | UNIQUE USING INDEX`: PostgreSQL renames the index to the
/// key's name, and takes the key's columns, INCLUDE columns and NULLS from the index.
pub fn add_key_using_index(
    c: &AddKeyUsingIndex,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let AddKeyUsingIndex { table, key } = c;
    let (constraint, index) = (&key.constraint, &key.index);
    let kind = match constraint.kind {
        ConstraintKind::PrimaryKey { .. } => "PRIMARY KEY",
        ConstraintKind::Unique { .. } => "UNIQUE",
        ConstraintKind::Check { .. }
        | ConstraintKind::ForeignKey { .. }
        | ConstraintKind::Exclude { .. } => {
            return Err(BuildError::Other(format!(
                "constraint {}: only a PRIMARY KEY or UNIQUE is built from an index",
                constraint.name
            )))
        }
    };
    let mut definition = format!("{kind} USING INDEX {}", quote_ident(&index.name.name));
    if constraint.deferrable {
        definition.push_str(" DEFERRABLE");
        if constraint.initially_deferred {
            definition.push_str(" INITIALLY DEFERRED");
        }
    }
    // The index keeps its comment as it becomes the key's: set to the key's index comment
    // when that differs.
    let mut comments = constraint_comment(table, constraint);
    if constraint.index_comment != index.comment {
        let on = constraint_index(table, constraint);
        comments.push(comment_context(&on, constraint.index_comment.as_deref()));
    }
    render(
        ctx,
        c,
        json!({
            "table": qname(table),
            "constraint": constraint_context(constraint),
            "definition": definition,
            "comments": comments,
        }),
    )
}

/// The key dropped (its index goes with it) and the stand-alone index built again.
pub fn drop_key_restoring_index(c: &DropKeyRestoringIndex) -> Value {
    let index = &c.key.index;
    let mut context = index_context(index, false, restore_comment(index));
    context["constraint"] = json!(quote_ident(&c.key.constraint.name));
    context["table"] = json!(qname(&c.table));
    context
}

/// `ALTER TABLE … RENAME CONSTRAINT`.
pub fn rename_constraint(c: &RenameConstraint) -> Value {
    let RenameConstraint { table, from, to } = c;
    json!({ "table": qname(table), "name": quote_ident(from), "raw_name": from, "new_name": quote_ident(to) })
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(context_builder(rename_constraint));
    r.builder(add_constraint);
    r.builder(context_builder(drop_constraint));
    r.builder(context_builder(set_constraint_valid));
    r.builder(add_key_using_index);
    r.builder(context_builder(drop_key_restoring_index));
}
