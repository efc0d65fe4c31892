//! Reading this kind from the live catalog: `pg_type` with its `pg_enum` labels in order
//! (none for `AS ENUM ()`).

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::schema::EnumType;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

fn query(s: &Scope) -> String {
    format!(
        "SELECT n.nspname, t.typname, \
                coalesce(array_agg(e.enumlabel::text ORDER BY e.enumsortorder) \
                    FILTER (WHERE e.enumlabel IS NOT NULL), '{{}}') AS labels, \
                obj_description(t.oid, 'pg_type') AS comment \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         LEFT JOIN pg_enum e ON e.enumtypid = t.oid \
         WHERE t.typtype = 'e' AND {user_types} \
         GROUP BY n.nspname, t.typname, t.oid ORDER BY 1, 2",
        user_types = s.user_types
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let name = row.qualified("typname")?;
        cx.schema.enums.insert(
            name.clone(),
            EnumType {
                name,
                values: row.col("labels")?,
                comment: row.col("comment")?,
                renamed_values: Default::default(),
            },
        );
    }
    Ok(())
}
