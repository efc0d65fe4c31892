//! DDL builders for this kind's change kinds.
//!
//! `COMMENT ON` any object: one builder for every target. How each target is named is shared
//! with the builders that restore comments, in `ddl::comments`.

use crate::ddl::comments::comment_context;
use crate::ddl::render;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::SetComment;

pub fn set_comment(c: &SetComment, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let SetComment { target, to, .. } = c;
    render(ctx, c, comment_context(target, to.as_deref()))
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(set_comment);
}
