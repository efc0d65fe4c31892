//! Builders for aggregates and operators: created from their canonical definition, dropped
//! by signature (a changed one is dropped and created).

use super::comment::{comment_context, operator_signature, routine_signature};
use super::{render, BuildContext, BuildError, Statement};
use migrator_core::kinds::{
    Aggregate, CommentTarget, CreateAggregate, CreateOperator, DropAggregate, DropOperator,
    Operator,
};
use serde_json::{json, Value};

/// The context of both `create_aggregate` and `drop_aggregate`.
fn aggregate_context(a: &Aggregate) -> Value {
    let comments: Vec<_> = a
        .comment
        .iter()
        .map(|t| comment_context(&CommentTarget::Aggregate { id: a.id.clone() }, Some(t)))
        .collect();
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

/// The context of both `create_operator` and `drop_operator`.
fn operator_context(o: &Operator) -> Value {
    let comments: Vec<_> = o
        .comment
        .iter()
        .map(|t| comment_context(&CommentTarget::Operator { id: o.id.clone() }, Some(t)))
        .collect();
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
