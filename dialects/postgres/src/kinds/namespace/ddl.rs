//! DDL builders for this kind's change kinds.
//!
//! `CREATE SCHEMA` and `DROP SCHEMA`.

use crate::ddl::render;
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{CreateSchema, DropSchema};
use serde_json::json;

pub fn create_schema(c: &CreateSchema, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let CreateSchema(s) = c;
    render(
        ctx,
        c,
        json!({ "name": quote_ident(&s.name), "comment": s.comment }),
    )
}

pub fn drop_schema(c: &DropSchema, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let DropSchema(s) = c;
    render(ctx, c, json!({ "name": quote_ident(&s.name) }))
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(create_schema);
    r.builder(drop_schema);
}
