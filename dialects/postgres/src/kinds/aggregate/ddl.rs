//! DDL builders for this kind's change kinds.
//!
//! Aggregates: created from their canonical definition, dropped by signature (a changed one
//! is dropped and created).

use crate::ddl::comments::{restore_comment, routine_signature};
use crate::ddl::object_builder;
use migrator_core::dialect::Registry;
use migrator_core::kinds::{Aggregate, CreateAggregate, DropAggregate};
use serde_json::{json, Value};

/// The context of both `create_aggregate` and `drop_aggregate`.
fn aggregate_context(a: &Aggregate) -> Value {
    let comments = restore_comment(a);
    json!({
        "signature": routine_signature(&a.id),
        "definition": a.definition.sql,
        "comments": comments,
    })
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(object_builder(
        |c: &CreateAggregate| &c.0,
        aggregate_context,
    ));
    r.builder(object_builder(|c: &DropAggregate| &c.0, aggregate_context));
}
