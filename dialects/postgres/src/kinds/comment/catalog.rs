//! Reading this kind from the live catalog.
//!
//! Comments are read with the object they are on (`obj_description` in each kind's query),
//! except those on relations, columns and constraints: they come from this one scan of
//! `pg_description`, read first, and each of those kinds takes its own by OID
//! ([`crate::introspect::Catalog::comments`]).

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope, PG_CLASS, PG_CONSTRAINT};
use migrator_core::dialect::LoadError;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

fn query(_: &Scope) -> String {
    format!(
        "SELECT d.classoid, d.objoid, d.objsubid, d.description FROM pg_description d \
         WHERE d.classoid IN ({PG_CLASS}, {PG_CONSTRAINT})"
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let key = (
            row.col("classoid")?,
            row.col("objoid")?,
            row.col("objsubid")?,
        );
        cx.comments.put(key, row.col("description")?);
    }
    Ok(())
}
