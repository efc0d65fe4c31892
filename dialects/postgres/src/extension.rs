//! How a dialect built on PostgreSQL extends the SQL loader and catalog introspection.
//!
//! TimescaleDB (and plugin dialects through the plugin host) implement [`PgExtension`]:
//! they see every statement before the PostgreSQL interpreter does and may claim it, and
//! they add catalog queries whose JSON rows they turn into dialect objects. Everything else
//! — tables, indexes, normalisation — stays PostgreSQL's.

use migrator_core::schema::Schema;

/// A dialect's additions to PostgreSQL's loader and introspection.
pub trait PgExtension: Send + Sync {
    /// Offered every statement (its SQL text) before the PostgreSQL interpreter. Return
    /// `Some(Ok(()))` after applying it to `schema`, `Some(Err(message))` to reject it (the
    /// message is shown with file and line), or `None` to leave it to PostgreSQL.
    fn statement(&self, _sql: &str, _schema: &mut Schema) -> Option<Result<(), String>> {
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
