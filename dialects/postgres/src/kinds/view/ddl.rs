//! DDL builders for this kind's change kinds.
//!
//! Views and materialized views: created, dropped, replaced in place when the columns
//! only grow at the end, a view's options and column defaults and a materialized view's
//! storage parameters and column statistics targets and options set and reset in place.

use super::options::{set_and_reset, with_clause};
use crate::ddl::comments::{restore_comment, restore_comment_on};
use crate::ddl::context_builder;
use crate::ddl::{create_drop_builders, qname};
use crate::kinds::table::ddl::{parameter_changes, parameter_list};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::kinds::{
    CommentTarget, ReplaceView, SetMatviewColumnOptions, SetMatviewStatistics,
    SetMatviewStorageParameters, SetViewDefaults, SetViewOptions, View,
};
use migrator_core::schema::Expr;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn context(v: &View) -> Value {
    let mut comments = restore_comment(v);
    for column in &v.columns {
        let target = CommentTarget::Column {
            table: v.name.clone(),
            column: column.clone(),
        };
        let text = v.column_comments.get(column).map(String::as_str);
        comments.extend(restore_comment_on(target, text));
    }
    json!({
        "name": qname(&v.name),
        "kind": v.keyword(),
        "materialized": v.materialized,
        "query": v.query.sql.trim().trim_end_matches(';'),
        "with_no_data": v.with_no_data,
        // A materialized view's storage parameters, a plain view's options.
        "options": if v.materialized {
            let list = parameter_list(&v.storage_parameters);
            (!list.is_empty()).then(|| format!("({})", list.join(", ")))
        } else {
            with_clause(&v.options)
        },
        "defaults": defaults(v.column_defaults.iter().map(|(c, e)| (c, Some(e)))),
        "statistics": statistics(&v.column_statistics),
        "column_options": v.column_options.iter().map(|(c, o)| {
            json!({ "column": quote_ident(c), "set": parameter_list(o) })
        }).collect::<Vec<_>>(),
        "comments": comments,
    })
}

/// Column defaults as the templates take them: `{column, default}` each (`default` is
/// `null` for one to drop).
fn defaults<'a>(d: impl IntoIterator<Item = (&'a String, Option<&'a Expr>)>) -> Vec<Value> {
    d.into_iter()
        .map(|(c, e)| json!({ "column": quote_ident(c), "default": e.map(|e| e.sql.clone()) }))
        .collect()
}

/// Column statistics targets as the templates take them: `{column, target}` each.
fn statistics(targets: &BTreeMap<String, i32>) -> Vec<Value> {
    targets
        .iter()
        .map(|(c, t)| json!({ "column": quote_ident(c), "target": t }))
        .collect()
}

/// `ALTER MATERIALIZED VIEW … ALTER COLUMN … SET STATISTICS` for each target that changes
/// (one gone is set back to -1, the default).
pub fn set_matview_statistics(c: &SetMatviewStatistics) -> Value {
    let mut changed: BTreeMap<String, i32> = c
        .from
        .keys()
        .filter(|k| !c.to.contains_key(*k))
        .map(|k| (k.clone(), -1))
        .collect();
    changed.extend(
        c.to.iter()
            .filter(|(k, v)| c.from.get(*k) != Some(v))
            .map(|(k, v)| (k.clone(), *v)),
    );
    json!({ "view": qname(&c.view), "statistics": statistics(&changed) })
}

/// `ALTER MATERIALIZED VIEW … ALTER COLUMN … SET (…), RESET (…)` for each column whose
/// attribute options change.
pub fn set_matview_column_options(c: &SetMatviewColumnOptions) -> Value {
    let none = Vec::new();
    let columns: std::collections::BTreeSet<&String> = c.from.keys().chain(c.to.keys()).collect();
    let changes: Vec<Value> = columns
        .into_iter()
        .filter_map(|col| {
            let from = c.from.get(col).unwrap_or(&none);
            let to = c.to.get(col).unwrap_or(&none);
            let (set, reset) = parameter_changes(from, to);
            (!set.is_empty() || !reset.is_empty())
                .then(|| json!({ "column": quote_ident(col), "set": set, "reset": reset }))
        })
        .collect();
    json!({ "view": qname(&c.view), "columns": changes })
}

/// `ALTER VIEW … ALTER COLUMN … SET DEFAULT / DROP DEFAULT` for the defaults that change.
pub fn set_view_defaults(c: &SetViewDefaults) -> Value {
    let gone = c
        .from
        .keys()
        .filter(|k| !c.to.contains_key(*k))
        .map(|k| (k, None));
    let set = c.to.iter().filter(|(k, v)| c.from.get(*k) != Some(v));
    let changed = set.map(|(k, v)| (k, Some(v))).chain(gone);
    json!({ "view": qname(&c.view), "defaults": defaults(changed) })
}

/// `CREATE OR REPLACE VIEW` when the columns only grow at the end; otherwise (the down of
/// such a change, which removes columns) the view is dropped and created again.
pub fn replace_view(c: &ReplaceView) -> Value {
    let ReplaceView { from, to } = c;
    let mut context = context(to);
    context["in_place"] = json!(to.columns.starts_with(&from.columns));
    context
}

/// `ALTER VIEW … SET (…), RESET (…)`: only the options that change.
pub fn set_view_options(c: &SetViewOptions) -> Value {
    let (set, reset) = set_and_reset(&c.from, &c.to);
    json!({ "view": qname(&c.view), "set": set, "reset": reset })
}

/// `ALTER MATERIALIZED VIEW … SET (…), RESET (…)`: the storage parameters that change.
pub fn set_matview_storage_parameters(c: &SetMatviewStorageParameters) -> Value {
    let (set, reset) = parameter_changes(&c.from, &c.to);
    json!({ "view": qname(&c.view), "set": set, "reset": reset })
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, context);
    r.builder(context_builder(replace_view));
    r.builder(context_builder(set_view_options));
    r.builder(context_builder(set_matview_storage_parameters));
    r.builder(context_builder(set_view_defaults));
    r.builder(context_builder(set_matview_statistics));
    r.builder(context_builder(set_matview_column_options));
}
