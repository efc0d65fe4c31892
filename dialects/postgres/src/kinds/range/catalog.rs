//! Reading this kind from the live catalog: `pg_type` rows of type `r` with their
//! `pg_range` row. What PostgreSQL fills in when a file leaves an option out is read as
//! left out: a default operator class, the subtype's own collation.

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::schema::{QualifiedName, RangeType};
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

fn query(s: &Scope) -> String {
    format!(
        "SELECT n.nspname, t.typname, obj_description(t.oid, 'pg_type') AS comment, \
                format_type(r.rngsubtype, NULL) AS subtype, \
                CASE WHEN oc.opcdefault THEN NULL \
                     WHEN ocn.nspname = 'pg_catalog' THEN quote_ident(oc.opcname::text) \
                     ELSE quote_ident(ocn.nspname::text) || '.' || quote_ident(oc.opcname::text) \
                END AS opclass, \
                CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation \
                     THEN co.collname::text END AS collation, \
                cn.nspname::text AS canonical_schema, cp.proname::text AS canonical_name, \
                dn.nspname::text AS diff_schema, dp.proname::text AS diff_name, \
                mn.nspname::text AS multirange_schema, mt.typname::text AS multirange_name \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         JOIN pg_range r ON r.rngtypid = t.oid \
         JOIN pg_type st ON st.oid = r.rngsubtype \
         JOIN pg_opclass oc ON oc.oid = r.rngsubopc \
         JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace \
         LEFT JOIN pg_collation co ON co.oid = r.rngcollation \
         LEFT JOIN pg_proc cp ON cp.oid = r.rngcanonical \
         LEFT JOIN pg_namespace cn ON cn.oid = cp.pronamespace \
         LEFT JOIN pg_proc dp ON dp.oid = r.rngsubdiff \
         LEFT JOIN pg_namespace dn ON dn.oid = dp.pronamespace \
         LEFT JOIN pg_type mt ON mt.oid = {multirange} \
         LEFT JOIN pg_namespace mn ON mn.oid = mt.typnamespace \
         WHERE t.typtype = 'r' AND {user_types} ORDER BY t.oid",
        multirange = s.range_multirange,
        user_types = s.user_types
    )
}

/// The function in columns `<prefix>_schema` and `<prefix>_name`, when there is one.
fn function(row: &Row, prefix: &str) -> Result<Option<QualifiedName>, LoadError> {
    let schema: Option<String> = row.col(&format!("{prefix}_schema"))?;
    let name: Option<String> = row.col(&format!("{prefix}_name"))?;
    Ok(schema.zip(name).map(|(s, n)| QualifiedName::new(s, n)))
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let name = row.qualified("typname")?;
        let subtype = cx.text.data_type(row.col::<String>("subtype")?)?;
        // Before PostgreSQL 14 there are no multirange types: the name it would derive.
        let multirange =
            function(&row, "multirange")?.unwrap_or_else(|| RangeType::derived_multirange(&name));
        let range = RangeType {
            name: name.clone(),
            subtype: subtype.text,
            subtype_ref: subtype.user_type,
            opclass: row.col("opclass")?,
            collation: row.col("collation")?,
            canonical: function(&row, "canonical")?,
            subtype_diff: function(&row, "diff")?,
            multirange,
            comment: row.col("comment")?,
        };
        cx.schema.ranges.insert(name, range);
    }
    Ok(())
}
