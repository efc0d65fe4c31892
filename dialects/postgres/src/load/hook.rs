//! What a dialect built on PostgreSQL sees of each statement.
//!
//! Every statement is offered, parsed, to the dialect's [`PgExtension::statement`] hooks
//! before the PostgreSQL interpreter applies it, as sqlparser-rs offers statements to a
//! dialect's `parse_statement`: `None` means "not mine". The hook gets the node and a
//! [`StatementContext`]: the statement's text (for hooks that work on text, as the plugin
//! host does), the schema loaded so far, and the loader's own name resolution and
//! canonicalisation, so a dialect resolves and compares names exactly as PostgreSQL's kinds
//! do instead of keeping copies of them.

use super::names::SearchPath;
use super::{Loader, R};
use crate::extension::PgExtension;
use crate::normalize::CanonicalType;
use crate::query::CanonicalQuery;
use migrator_core::schema::{Expr, QualifiedName, Schema};
use pg_query::protobuf::{self as pb, node::Node as N, Node};

/// One statement being loaded, as a [`PgExtension`] hook sees it.
pub struct StatementContext<'a> {
    loader: &'a mut Loader,
}

impl StatementContext<'_> {
    /// The statement's SQL text, with the comments before it.
    pub fn sql(&self) -> &str {
        &self.loader.statement
    }

    /// The schema loaded so far.
    pub fn schema(&self) -> &Schema {
        &self.loader.schema
    }

    /// The schema, to apply the statement to.
    pub fn schema_mut(&mut self) -> &mut Schema {
        &mut self.loader.schema
    }

    /// The search path the files have set so far: how unqualified names resolve.
    pub fn names(&self) -> SearchPath<'_> {
        self.loader.names()
    }

    /// The search path and the schema at once, to resolve names while changing the schema.
    pub fn names_and_schema(&mut self) -> (SearchPath<'_>, &mut Schema) {
        let loader = &mut *self.loader;
        (
            SearchPath::new(loader.search_path.as_deref()),
            &mut loader.schema,
        )
    }

    /// A table or view name, resolved along the search path.
    pub fn relation_name(&self, rv: &pb::RangeVar) -> QualifiedName {
        self.loader.relation_name(rv)
    }

    /// A type in canonical form (`int4` → `integer`), user types resolved.
    pub fn type_of(&self, t: &pb::TypeName) -> R<CanonicalType> {
        self.loader.type_of(t)
    }

    /// An expression in canonical form, as a default or a CHECK is compared.
    pub fn expr(&self, n: &Node) -> R<Expr> {
        self.loader.expr(n)
    }

    /// A view's query in canonical form, with the columns and relations it reads.
    pub fn view_query(&self, query: &Node) -> R<CanonicalQuery> {
        crate::query::canonical_query(query, &*self.loader)
    }

    /// Applies `node` as PostgreSQL's interpreter does, without the dialect's hooks: for a
    /// hook that adds its own objects to what PostgreSQL makes of a statement (TimescaleDB's
    /// `CREATE TABLE … WITH (tsdb.hypertable)`, with its own options taken out).
    pub fn apply_postgres(&mut self, node: &N) -> R<()> {
        self.loader.apply(node)
    }

    /// A warning about this statement (shown with its file and line).
    pub fn warn(&mut self, message: impl Into<String>) {
        self.loader.warn(message);
    }
}

impl Loader {
    /// Offers `node` to the dialect's hooks; the first that claims it answers.
    pub(crate) fn offer_to_extensions(&mut self, node: &N) -> Option<R<()>> {
        if self.extensions.is_empty() {
            return None;
        }
        let extensions: Vec<std::sync::Arc<dyn PgExtension>> = self.extensions.clone();
        let mut cx = StatementContext { loader: self };
        extensions.iter().find_map(|e| e.statement(node, &mut cx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// Claims `SELECT mark('relation')`, resolving the name as the loader would.
    struct Marks;

    impl PgExtension for Marks {
        fn statement(&self, node: &N, cx: &mut StatementContext<'_>) -> Option<R<()>> {
            let N::SelectStmt(s) = node else {
                return None;
            };
            let Some(N::ResTarget(r)) = s.target_list.first()?.node.as_ref() else {
                return None;
            };
            let Some(N::FuncCall(f)) = r.val.as_deref()?.node.as_ref() else {
                return None;
            };
            let arg = crate::normalize::const_text(f.args.first()?);
            let (names, schema) = cx.names_and_schema();
            let q = names.resolve("", &arg, |q| schema.tables.contains_key(q));
            let table = schema.tables.get_mut(&q)?;
            table.comment = Some(format!("marked {q}"));
            Some(Ok(()))
        }
    }

    #[test]
    fn hooks_get_the_parsed_statement_and_resolve_with_the_loaders_search_path() {
        let mut l = Loader {
            extensions: vec![Arc::new(Marks)],
            ..Loader::default()
        };
        l.load_text(
            "f.sql",
            "CREATE SCHEMA s;\nCREATE TABLE s.t (a int);\nSET search_path = s, public;\n\
             SELECT mark('t');\nSELECT other();\n",
        )
        .unwrap();
        let t = &l.schema.tables[&QualifiedName::new("s", "t")];
        assert_eq!(t.comment.as_deref(), Some("marked s.t"));
        // What the hook leaves goes on to PostgreSQL's interpreter.
        assert_eq!(l.warnings.len(), 1);
    }
}
