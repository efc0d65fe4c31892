//! Builders for renames declared with `-- migrator:renamed-from`.

use super::{qname, render, BuildContext, BuildError, Statement};
use crate::quote::quote_ident;
use migrator_core::kinds::*;
use migrator_core::render::quote_literal;
use serde_json::json;

pub fn rename_table(c: &RenameTable, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let RenameTable { from, to } = c;
    render(
        ctx,
        c,
        json!({ "table": qname(from), "new_name": quote_ident(&to.name) }),
    )
}

pub fn rename_column(c: &RenameColumn, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let RenameColumn { table, from, to } = c;
    render(
        ctx,
        c,
        json!({ "table": qname(table), "column": quote_ident(from), "raw_column": from, "new_name": quote_ident(to) }),
    )
}

pub fn rename_enum_value(
    c: &RenameEnumValue,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let RenameEnumValue { name, from, to } = c;
    render(
        ctx,
        c,
        json!({ "name": qname(name), "from": quote_literal(from), "to": quote_literal(to) }),
    )
}
