//! DDL builders for this kind's change kinds.
//!
//! Operators: created from their canonical definition, dropped by signature (a changed one
//! is dropped and created).

use crate::ddl::comments::{defined_object_context, operator_signature};
use crate::ddl::create_drop_builders;
use migrator_core::dialect::Registry;
use migrator_core::kinds::Operator;
use serde_json::Value;

/// The context of both `create_operator` and `drop_operator`.
fn operator_context(o: &Operator) -> Value {
    defined_object_context(o, operator_signature(&o.id), &o.definition.sql)
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, operator_context);
}
