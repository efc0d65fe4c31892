//! DDL builders for this kind's change kinds.
//!
//! Triggers: created from their canonical definition, dropped by name.

use crate::ddl::comments::restore_comment;
use crate::ddl::{object_builder, qname};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::kinds::{CreateTrigger, DropTrigger, Trigger};
use serde_json::{json, Value};

fn trigger_context(t: &Trigger) -> Value {
    let comments = restore_comment(t);
    json!({
        "name": quote_ident(&t.name),
        "raw_name": t.name,
        "table": qname(&t.table),
        "definition": t.definition.sql.trim().trim_end_matches(';'),
        "comments": comments,
    })
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(object_builder(|c: &CreateTrigger| &c.0, trigger_context));
    r.builder(object_builder(|c: &DropTrigger| &c.0, trigger_context));
}
