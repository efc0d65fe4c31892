//! DDL builders for this kind's change kinds.
//!
//! Views and materialized views: created, dropped, and replaced in place when the columns
//! only grow at the end.

use crate::ddl::comments::restore_comment;
use crate::ddl::{qname, render};
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{CommentTarget, CreateView, DropView, ReplaceView, View};
use serde_json::{json, Value};

fn context(v: &View) -> Value {
    let comments = restore_comment(
        CommentTarget::View {
            name: v.name.clone(),
            materialized: v.materialized,
        },
        v.comment.as_deref(),
    );
    json!({
        "name": qname(&v.name),
        "kind": v.keyword(),
        "materialized": v.materialized,
        "query": v.query.sql.trim().trim_end_matches(';'),
        "with_no_data": v.with_no_data,
        "comments": comments,
    })
}

pub fn create_view(c: &CreateView, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let CreateView(v) = c;
    render(ctx, c, context(v))
}

pub fn drop_view(c: &DropView, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let DropView(v) = c;
    render(ctx, c, context(v))
}

/// `CREATE OR REPLACE VIEW` when the columns only grow at the end; otherwise (the down of
/// such a change, which removes columns) the view is dropped and created again.
pub fn replace_view(c: &ReplaceView, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let ReplaceView { from, to } = c;
    let mut context = context(to);
    context["in_place"] = json!(to.columns.starts_with(&from.columns));
    render(ctx, c, context)
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(create_view);
    r.builder(drop_view);
    r.builder(replace_view);
}
