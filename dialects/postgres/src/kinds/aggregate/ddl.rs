//! DDL builders for this kind's change kinds.
//!
//! Aggregates: created from their canonical definition, dropped by signature (a changed one
//! is dropped and created).

use crate::ddl::comments::{defined_object_context, routine_signature};
use crate::ddl::create_drop_builders;
use migrator_core::dialect::Registry;
use migrator_core::kinds::Aggregate;
use serde_json::Value;

/// The context of both `create_aggregate` and `drop_aggregate`.
fn aggregate_context(a: &Aggregate) -> Value {
    defined_object_context(a, routine_signature(&a.id), &a.definition.sql)
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, aggregate_context);
}
