//! DDL builders for this kind's change kinds.
//!
//! Views and materialized views: created, dropped, and replaced in place when the columns
//! only grow at the end.

use crate::ddl::comments::restore_comment;
use crate::ddl::context_builder;
use crate::ddl::{object_builder, qname};
use migrator_core::dialect::Registry;
use migrator_core::kinds::{CreateView, DropView, ReplaceView, View};
use serde_json::{json, Value};

fn context(v: &View) -> Value {
    let comments = restore_comment(v);
    json!({
        "name": qname(&v.name),
        "kind": v.keyword(),
        "materialized": v.materialized,
        "query": v.query.sql.trim().trim_end_matches(';'),
        "with_no_data": v.with_no_data,
        "comments": comments,
    })
}

/// `CREATE OR REPLACE VIEW` when the columns only grow at the end; otherwise (the down of
/// such a change, which removes columns) the view is dropped and created again.
pub fn replace_view(c: &ReplaceView) -> Value {
    let ReplaceView { from, to } = c;
    let mut context = context(to);
    context["in_place"] = json!(to.columns.starts_with(&from.columns));
    context
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(object_builder(|c: &CreateView| &c.0, context));
    r.builder(object_builder(|c: &DropView| &c.0, context));
    r.builder(context_builder(replace_view));
}
