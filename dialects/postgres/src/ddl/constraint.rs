//! Builders for table constraints added to or dropped from existing tables.

use super::table::{constraint_comment, constraint_context};
use super::{qname, render, BuildContext, BuildError, Change, Statement};
use crate::quote::quote_ident;
use serde_json::json;

pub fn add_constraint(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let Change::AddConstraint { table, constraint } = c else {
        unreachable!()
    };
    render(
        ctx,
        c,
        json!({
            "table": qname(table),
            "constraint": constraint_context(constraint),
            "comments": constraint_comment(table, constraint).into_iter().collect::<Vec<_>>(),
        }),
    )
}

pub fn drop_constraint(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let Change::DropConstraint { table, constraint } = c else {
        unreachable!()
    };
    render(
        ctx,
        c,
        json!({ "table": qname(table), "name": quote_ident(&constraint.name) }),
    )
}
