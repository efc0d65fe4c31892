//! Builders for stand-alone indexes.

use super::comment::comment_context;
use super::{qname, render, BuildContext, BuildError, Change, Statement};
use crate::quote::quote_ident;
use migrator_core::change::CommentTarget;
use serde_json::json;

pub fn create_index(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let Change::CreateIndex(i) = c else {
        unreachable!()
    };
    let comments: Vec<_> = i
        .comment
        .iter()
        .map(|t| {
            comment_context(
                &CommentTarget::Index {
                    name: i.name.clone(),
                },
                Some(t),
            )
        })
        .collect();
    render(
        ctx,
        c,
        json!({
            // CREATE INDEX takes a bare name: the index lives in its table's schema.
            "name": quote_ident(&i.name.name),
            "table": qname(&i.table),
            "unique": i.unique,
            "method": i.method,
            "keys": i.keys.iter().map(|k| k.def.sql.clone()).collect::<Vec<_>>(),
            "include": i.include.iter().map(|n| quote_ident(n)).collect::<Vec<_>>(),
            "nulls_not_distinct": i.nulls_not_distinct,
            "with": i.with.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>(),
            "predicate": i.predicate.as_ref().map(|p| p.sql.clone()),
            "comments": comments,
        }),
    )
}

pub fn drop_index(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let Change::DropIndex(i) = c else {
        unreachable!()
    };
    render(ctx, c, json!({ "name": qname(&i.name) }))
}
