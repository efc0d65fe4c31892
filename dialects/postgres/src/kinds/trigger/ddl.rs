//! DDL builders for this kind's change kinds.
//!
//! Triggers: created from their canonical definition (then switched to their state),
//! dropped by name, and switched on or off in place.

use crate::ddl::comments::restore_comment;
use crate::ddl::context_builder;
use crate::ddl::{create_drop_builders, qname};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::kinds::{SetTriggerState, Trigger, TriggerState};
use serde_json::{json, Value};

fn trigger_context(t: &Trigger) -> Value {
    let comments = restore_comment(t);
    json!({
        "name": quote_ident(&t.name),
        "raw_name": t.name,
        "table": qname(&t.table),
        "definition": t.definition.sql.trim().trim_end_matches(';'),
        "state": (!t.state.is_enabled()).then(|| state_sql(t.state)),
        "comments": comments,
    })
}

/// The `ALTER TABLE` action that gives a trigger (or a rule) `state`.
pub(crate) fn state_sql(state: TriggerState) -> &'static str {
    match state {
        TriggerState::Enabled => "ENABLE",
        TriggerState::Disabled => "DISABLE",
        TriggerState::Replica => "ENABLE REPLICA",
        TriggerState::Always => "ENABLE ALWAYS",
    }
}

/// `ALTER TABLE … ENABLE [REPLICA | ALWAYS] | DISABLE TRIGGER name`.
pub fn set_trigger_state(c: &SetTriggerState) -> Value {
    json!({
        "table": qname(&c.table),
        "name": quote_ident(&c.name),
        "state": state_sql(c.to),
    })
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, trigger_context);
    r.builder(context_builder(set_trigger_state));
}
