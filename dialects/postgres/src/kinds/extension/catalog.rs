//! Reading this kind from the live catalog: `pg_extension`, except `plpgsql` (always there).

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::schema::Extension;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

fn query(_: &Scope) -> String {
    "SELECT e.extname, n.nspname, e.extversion, \
            obj_description(e.oid, 'pg_extension') AS comment \
     FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace \
     WHERE e.extname <> 'plpgsql' ORDER BY 1"
        .to_string()
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let extension = Extension {
            name: row.col("extname")?,
            schema: Some(row.col("nspname")?),
            version: Some(row.col("extversion")?),
            comment: row.col("comment")?,
        };
        cx.schema
            .extensions
            .insert(extension.name.clone(), extension);
    }
    Ok(())
}
