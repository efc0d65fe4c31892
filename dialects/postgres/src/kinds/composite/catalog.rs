//! Reading this kind from the live catalog: `pg_type` rows of type `c` (not tables' row
//! types), with their attributes as JSON.

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::schema::{Attribute, CompositeType};
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 8);

fn query(s: &Scope) -> String {
    format!(
        "SELECT n.nspname, t.typname, obj_description(t.oid, 'pg_type') AS comment, \
                coalesce((SELECT json_agg(json_build_array(a.attname, \
                             format_type(a.atttypid, a.atttypmod), \
                             CASE WHEN a.attcollation <> at.typcollation \
                                  THEN co.collname::text END) ORDER BY a.attnum) \
                          FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid \
                          LEFT JOIN pg_collation co ON co.oid = a.attcollation \
                          WHERE a.attrelid = t.typrelid AND a.attnum > 0 \
                            AND NOT a.attisdropped), '[]'::json) AS attributes \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' \
         WHERE t.typtype = 'c' AND {user_types} ORDER BY t.oid",
        user_types = s.user_types
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let name = row.qualified("typname")?;
        // Each attribute is [name, type, collation or null].
        let attrs: serde_json::Value = row.col("attributes")?;
        let mut attributes = Vec::new();
        for a in attrs.as_array().into_iter().flatten() {
            let ct = cx
                .text
                .data_type(a[1].as_str().unwrap_or_default().to_string())?;
            attributes.push(Attribute {
                name: a[0].as_str().unwrap_or_default().to_string(),
                data_type: ct.text,
                type_ref: ct.user_type,
                collation: a[2].as_str().map(str::to_string),
            });
        }
        cx.schema.composites.insert(
            name.clone(),
            CompositeType {
                name,
                attributes,
                comment: row.col("comment")?,
            },
        );
    }
    Ok(())
}
