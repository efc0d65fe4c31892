//! Reading this kind from the live catalog: `pg_type` rows of type `d`, with their CHECK
//! constraints as `pg_get_constraintdef` text.

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::schema::Domain;
use std::collections::BTreeMap;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

/// A domain over a base type that has a `DEFAULT` copies the type's default text
/// (`typdefault`, with no `typdefaultbin`): that is the type's, not an expression of the
/// domain's, so only a default with its stored tree is read.
fn query(s: &Scope) -> String {
    format!(
        "SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod) AS base_type, \
                t.typnotnull, \
                CASE WHEN t.typdefaultbin IS NOT NULL THEN t.typdefault END AS typdefault, \
                CASE WHEN t.typcollation <> bt.typcollation THEN co.collname::text END \
                    AS collation, \
                obj_description(t.oid, 'pg_type') AS comment, \
                coalesce((SELECT json_agg(json_build_array(k.conname, \
                             pg_get_constraintdef(k.oid)) ORDER BY k.conname) \
                          FROM pg_constraint k \
                          WHERE k.contypid = t.oid AND k.contype = 'c'), '[]'::json) AS checks \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         JOIN pg_type bt ON bt.oid = t.typbasetype \
         LEFT JOIN pg_collation co ON co.oid = t.typcollation \
         WHERE t.typtype = 'd' AND {user_types} ORDER BY t.oid",
        user_types = s.user_types
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let name = row.qualified("typname")?;
        let ct = cx.text.data_type(row.col("base_type")?)?;
        let mut checks = BTreeMap::new();
        let defs: serde_json::Value = row.col("checks")?;
        for pair in defs.as_array().into_iter().flatten() {
            let (Some(n), Some(def)) = (pair[0].as_str(), pair[1].as_str()) else {
                continue;
            };
            let body = def
                .strip_prefix("CHECK ")
                .unwrap_or(def)
                .trim_end_matches(" NOT VALID");
            checks.insert(n.to_string(), cx.text.expr(body.to_string())?);
        }
        cx.schema.domains.insert(
            name.clone(),
            Domain {
                name,
                data_type: ct.text,
                type_ref: ct.user_type,
                collation: row.col("collation")?,
                default: cx.text.opt_expr(row.col("typdefault")?)?,
                not_null: row.col("typnotnull")?,
                checks,
                comment: row.col("comment")?,
            },
        );
    }
    Ok(())
}
