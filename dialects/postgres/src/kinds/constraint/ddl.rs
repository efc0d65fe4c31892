//! DDL builders for this kind's change kinds.
//!
//! Table constraints added to or dropped from existing tables (`NOT VALID` and a later
//! `VALIDATE` under `--online`).

use crate::ddl::definitions::{constraint_comment, constraint_context};
use crate::ddl::{check_table_features, qname, render};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{
    AddConstraint, Constraint, ConstraintKind, DropConstraint, RenameConstraint,
};
use migrator_core::schema::QualifiedName;
use serde_json::json;

pub fn add_constraint(c: &AddConstraint, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let AddConstraint { table, constraint } = c;
    check_table_features(ctx, c, &[], &[constraint])?;
    let not_valid = not_valid(table, constraint, ctx);
    let mut out = render(
        ctx,
        c,
        json!({
            "table": qname(table),
            "constraint": constraint_context(constraint),
            "not_valid": not_valid,
            "comments": constraint_comment(table, constraint).into_iter().collect::<Vec<_>>(),
        }),
    )?;
    if not_valid {
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
fn not_valid(table: &QualifiedName, constraint: &Constraint, ctx: &BuildContext) -> bool {
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

pub fn drop_constraint(
    c: &DropConstraint,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let DropConstraint { table, constraint } = c;
    render(
        ctx,
        c,
        json!({ "table": qname(table), "name": quote_ident(&constraint.name) }),
    )
}

/// Registers this kind's builders (and transaction rules).
/// `ALTER TABLE … RENAME CONSTRAINT`.
pub fn rename_constraint(
    c: &RenameConstraint,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let RenameConstraint { table, from, to } = c;
    render(
        ctx,
        c,
        json!({ "table": qname(table), "name": quote_ident(from), "raw_name": from, "new_name": quote_ident(to) }),
    )
}

pub(crate) fn register(r: &mut Registry) {
    r.builder(rename_constraint);
    r.builder(add_constraint);
    r.builder(drop_constraint);
}
