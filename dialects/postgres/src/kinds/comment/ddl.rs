//! DDL builders for this kind's change kinds.
//!
//! `COMMENT ON` any object: one builder for every target. How each target is named is shared
//! with the builders that restore comments, in `ddl::comments`.

use crate::ddl::comments::comment_context;
use crate::ddl::context_builder;
use migrator_core::dialect::Registry;
use migrator_core::kinds::SetComment;
use serde_json::Value;

pub fn set_comment(c: &SetComment) -> Value {
    let SetComment { target, to, .. } = c;
    comment_context(target, to.as_deref())
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(context_builder(set_comment));
}
