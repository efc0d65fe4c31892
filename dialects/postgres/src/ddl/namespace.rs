//! Builders for schemas and extensions.

use super::{render, BuildContext, BuildError, Change, Statement};
use crate::quote::quote_ident;
use serde_json::json;

pub fn create_schema(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let Change::CreateSchema(s) = c else {
        unreachable!()
    };
    render(
        ctx,
        c,
        json!({ "name": quote_ident(&s.name), "comment": s.comment }),
    )
}

pub fn drop_schema(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let Change::DropSchema(s) = c else {
        unreachable!()
    };
    render(ctx, c, json!({ "name": quote_ident(&s.name) }))
}

pub fn create_extension(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let Change::CreateExtension(e) = c else {
        unreachable!()
    };
    render(
        ctx,
        c,
        json!({
            "name": quote_ident(&e.name),
            "schema": e.schema.as_deref().map(quote_ident),
            "version": e.version,
            "comment": e.comment,
        }),
    )
}

pub fn drop_extension(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let Change::DropExtension(e) = c else {
        unreachable!()
    };
    render(ctx, c, json!({ "name": quote_ident(&e.name) }))
}

pub fn alter_extension(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let Change::AlterExtension { from, to } = c else {
        unreachable!()
    };
    render(
        ctx,
        c,
        json!({
            "name": quote_ident(&to.name),
            "raw_name": to.name,
            "version": if from.version != to.version { to.version.clone() } else { None },
            "schema": if from.schema != to.schema { to.schema.as_deref().map(quote_ident) } else { None },
        }),
    )
}
