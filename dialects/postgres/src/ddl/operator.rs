//! Builders for aggregates and operators: created from their canonical definition, dropped
//! by signature (a changed one is dropped and created).

use super::comment::{comment_context, operator_signature, routine_signature};
use super::{render, BuildContext, BuildError, Change, Statement};
use migrator_core::change::CommentTarget;
use serde_json::json;

pub fn create_aggregate(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let (Change::CreateAggregate(a) | Change::DropAggregate(a)) = c else {
        unreachable!()
    };
    let comments: Vec<_> = a
        .comment
        .iter()
        .map(|t| comment_context(&CommentTarget::Aggregate { id: a.id.clone() }, Some(t)))
        .collect();
    render(
        ctx,
        c,
        json!({
            "signature": routine_signature(&a.id),
            "definition": a.definition.sql,
            "comments": comments,
        }),
    )
}

pub fn drop_aggregate(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    create_aggregate(c, ctx)
}

pub fn create_operator(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let (Change::CreateOperator(o) | Change::DropOperator(o)) = c else {
        unreachable!()
    };
    let comments: Vec<_> = o
        .comment
        .iter()
        .map(|t| comment_context(&CommentTarget::Operator { id: o.id.clone() }, Some(t)))
        .collect();
    render(
        ctx,
        c,
        json!({
            "signature": operator_signature(&o.id),
            "definition": o.definition.sql,
            "comments": comments,
        }),
    )
}

pub fn drop_operator(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    create_operator(c, ctx)
}
