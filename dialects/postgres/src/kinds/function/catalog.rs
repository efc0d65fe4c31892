//! Reading this kind from the live catalog: functions and procedures as their
//! `pg_get_functiondef` text, parsed like a file's `CREATE FUNCTION` and kept as the text
//! to emit.

use crate::introspect::{first_statement, Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::schema::{QualifiedName, Schema};
use pg_query::protobuf::node::Node as N;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

fn query(s: &Scope) -> String {
    format!(
        "SELECT pg_get_functiondef(p.oid) AS definition, \
                obj_description(p.oid, 'pg_proc') AS comment, p.oid::bigint AS oid \
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
         WHERE p.prokind IN ('f', 'p') AND {ns} AND {proc_member} ORDER BY p.oid",
        ns = s.ns,
        proc_member = s.proc_member
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let def: String = row.col("definition")?;
        let def = def.trim().trim_end_matches(';').to_string();
        let mut f = match first_statement(&def)? {
            N::CreateFunctionStmt(s) => crate::kinds::function::canonical::function_in(
                &s,
                "public",
                Some(def),
                Some(&SchemaRelations(&cx.schema)),
                &|name| super::load::overloads(&cx.schema.functions, name),
            )
            .map_err(LoadError::Other)?,
            _ => continue,
        };
        f.comment = row.col("comment")?;
        cx.function_oids
            .insert(row.col::<i64>("oid")?, (f.id.clone(), f.procedure));
        cx.schema.functions.insert(f.id.clone(), f);
    }
    Ok(())
}

/// The tables read so far, for canonicalising the queries of SQL-standard function bodies
/// (the catalog's text names every relation with its schema).
struct SchemaRelations<'a>(&'a Schema);

impl crate::query::Relations for SchemaRelations<'_> {
    fn resolve(&self, schema: &str, name: &str) -> QualifiedName {
        QualifiedName::new(if schema.is_empty() { "public" } else { schema }, name)
    }
    fn columns(&self, name: &QualifiedName) -> Option<Vec<String>> {
        self.0
            .tables
            .get(name)
            .map(|t| t.columns.iter().map(|c| c.name.clone()).collect())
    }
}
