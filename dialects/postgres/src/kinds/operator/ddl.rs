//! DDL builders for this kind's change kinds.
//!
//! Operators: created from their canonical definition, dropped by signature (a changed one
//! is dropped and created).

use crate::ddl::comments::{operator_signature, restore_comment};
use crate::ddl::render;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{CommentTarget, CreateOperator, DropOperator, Operator};
use serde_json::{json, Value};

/// The context of both `create_operator` and `drop_operator`.
fn operator_context(o: &Operator) -> Value {
    let comments = restore_comment(
        CommentTarget::Operator { id: o.id.clone() },
        o.comment.as_deref(),
    );
    json!({
        "signature": operator_signature(&o.id),
        "definition": o.definition.sql,
        "comments": comments,
    })
}

pub fn create_operator(
    c: &CreateOperator,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    render(ctx, c, operator_context(&c.0))
}

pub fn drop_operator(c: &DropOperator, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    render(ctx, c, operator_context(&c.0))
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(create_operator);
    r.builder(drop_operator);
}
