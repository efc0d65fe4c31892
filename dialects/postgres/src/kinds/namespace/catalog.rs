//! Reading this kind from the live catalog: the user's schemas other than `public`, from
//! `pg_namespace`.

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::schema::Namespace;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

fn query(s: &Scope) -> String {
    format!(
        "SELECT n.nspname, obj_description(n.oid, 'pg_namespace') AS comment \
         FROM pg_namespace n WHERE {ns} AND n.nspname <> 'public' ORDER BY 1",
        ns = s.ns
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let name: String = row.col("nspname")?;
        let comment = row.col("comment")?;
        cx.schema
            .schemas
            .insert(name.clone(), Namespace { name, comment });
    }
    Ok(())
}
