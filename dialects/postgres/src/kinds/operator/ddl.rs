//! DDL builders for this kind's change kinds.
//!
//! Operators: created from their canonical definition, dropped by signature (a changed one
//! is dropped and created).

use crate::ddl::comments::{operator_signature, restore_comment};
use crate::ddl::object_builder;
use migrator_core::dialect::Registry;
use migrator_core::kinds::{CreateOperator, DropOperator, Operator};
use serde_json::{json, Value};

/// The context of both `create_operator` and `drop_operator`.
fn operator_context(o: &Operator) -> Value {
    let comments = restore_comment(o);
    json!({
        "signature": operator_signature(&o.id),
        "definition": o.definition.sql,
        "comments": comments,
    })
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(object_builder(|c: &CreateOperator| &c.0, operator_context));
    r.builder(object_builder(|c: &DropOperator| &c.0, operator_context));
}
