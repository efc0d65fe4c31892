//! DDL builders for this kind's change kinds.
//!
//! Aggregates: created from their canonical definition, dropped by signature (a changed one
//! is dropped and created).

use crate::ddl::comments::{restore_comment, routine_signature};
use crate::ddl::render;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{Aggregate, CommentTarget, CreateAggregate, DropAggregate};
use serde_json::{json, Value};

/// The context of both `create_aggregate` and `drop_aggregate`.
fn aggregate_context(a: &Aggregate) -> Value {
    let comments = restore_comment(
        CommentTarget::Aggregate { id: a.id.clone() },
        a.comment.as_deref(),
    );
    json!({
        "signature": routine_signature(&a.id),
        "definition": a.definition.sql,
        "comments": comments,
    })
}

pub fn create_aggregate(
    c: &CreateAggregate,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    render(ctx, c, aggregate_context(&c.0))
}

pub fn drop_aggregate(c: &DropAggregate, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    render(ctx, c, aggregate_context(&c.0))
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(create_aggregate);
    r.builder(drop_aggregate);
}
