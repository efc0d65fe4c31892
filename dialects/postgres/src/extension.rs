//! How a dialect built on PostgreSQL extends the SQL loader and catalog introspection.
//!
//! TimescaleDB (and plugin dialects through the plugin host) implement [`PgExtension`]:
//! they see every parsed statement before the PostgreSQL interpreter does and may claim it
//! (reusing its name resolution and canonicalisation through [`StatementContext`]), and
//! they add catalog queries whose JSON rows they turn into dialect objects. Everything else
//! — tables, indexes, normalisation — stays PostgreSQL's.

pub use crate::load::{SearchPath, StatementContext};
use migrator_core::schema::Schema;
/// A parsed statement, as pg_query gives it.
pub use pg_query::protobuf::node::Node as StatementNode;

/// A dialect's additions to PostgreSQL's loader and introspection.
pub trait PgExtension: Send + Sync {
    /// Offered every statement, parsed, before the PostgreSQL interpreter; `cx` holds its
    /// text, the schema so far, and the loader's name resolution and canonicalisation.
    /// Return `Some(Ok(()))` after applying it to [`StatementContext::schema_mut`],
    /// `Some(Err(message))` to reject it (the message is shown with file and line), or
    /// `None` to leave it to PostgreSQL.
    fn statement(
        &self,
        _node: &StatementNode,
        _cx: &mut StatementContext<'_>,
    ) -> Option<Result<(), String>> {
        None
    }

    /// Catalog queries, run in introspection's read-only snapshot. Each must return one
    /// `json` or `jsonb` column, one row per object.
    fn catalog_queries(&self) -> Vec<String> {
        Vec::new()
    }

    /// Receives the rows of [`catalog_queries`](Self::catalog_queries) (one list per query,
    /// in order) once the built-in objects are read, and adds or adjusts objects.
    fn read_catalog(
        &self,
        _rows: Vec<Vec<serde_json::Value>>,
        _schema: &mut Schema,
    ) -> Result<(), String> {
        Ok(())
    }
}
