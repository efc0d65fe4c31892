//! Loading this kind from parsed SQL statements.
//!
//! `COMMENT ON`: the comment's text and the object's name are read here; the kind of the
//! object keeps the comment (see the `COMMENT` table in the loader's dispatch).

use crate::load::{dispatch, Commented, Loader, R};
use crate::normalize::strings;
use pg_query::protobuf::{self as pb, node::Node as N, ObjectType as Ot};

impl Loader {
    /// `COMMENT ON … IS …`; an empty comment removes it, as `IS NULL` does.
    pub(crate) fn comment(&mut self, s: &pb::CommentStmt) -> R<()> {
        let text = if s.comment.is_empty() {
            None
        } else {
            Some(s.comment.clone())
        };
        let object = s.object.as_deref();
        let names = match object.and_then(|o| o.node.as_ref()) {
            Some(N::List(l)) => strings(&l.items),
            Some(N::String(x)) => vec![x.sval.clone()],
            Some(N::TypeName(t)) => strings(&t.names),
            _ => vec![],
        };
        let objtype = Ot::try_from(s.objtype).unwrap_or(Ot::Undefined);
        let Some(comment) = dispatch::handler(dispatch::COMMENT, objtype) else {
            return Err(format!(
                "COMMENT ON {} is not supported yet",
                dispatch::object_name(objtype)
            ));
        };
        comment(
            self,
            &Commented {
                object,
                names,
                text,
            },
        )
    }
}

statement_hook! {
    CommentStmt => comment,
}
