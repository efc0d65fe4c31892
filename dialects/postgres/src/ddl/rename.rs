//! Builders for renames declared with `-- migrator:renamed-from`.

use super::{qname, render, BuildContext, BuildError, Change, Statement};
use crate::quote::quote_ident;
use serde_json::json;

pub fn rename_table(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let Change::RenameTable { from, to } = c else {
        unreachable!()
    };
    render(
        ctx,
        c,
        json!({ "table": qname(from), "new_name": quote_ident(&to.name) }),
    )
}

pub fn rename_column(c: &Change, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let Change::RenameColumn { table, from, to } = c else {
        unreachable!()
    };
    render(
        ctx,
        c,
        json!({ "table": qname(table), "column": quote_ident(from), "raw_column": from, "new_name": quote_ident(to) }),
    )
}
