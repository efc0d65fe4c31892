//! DDL builders for this kind's change kinds.
//!
//! `CREATE SCHEMA` and `DROP SCHEMA`.

use crate::ddl::context_builder;
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::kinds::{CreateSchema, DropSchema};
use serde_json::json;
use serde_json::Value;

pub fn create_schema(c: &CreateSchema) -> Value {
    let CreateSchema(s) = c;
    json!({ "name": quote_ident(&s.name), "comment": s.comment })
}

pub fn drop_schema(c: &DropSchema) -> Value {
    let DropSchema(s) = c;
    json!({ "name": quote_ident(&s.name) })
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(context_builder(create_schema));
    r.builder(context_builder(drop_schema));
}
