//! Reading this kind from the live catalog: `pg_policy` for every user table, with its
//! roles by name and its expressions as `pg_get_expr` text.

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::Policy;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

fn query(s: &Scope) -> String {
    format!(
        "{tables} \
         SELECT t.nspname, t.relname, p.polname, p.polpermissive, p.polcmd::text AS polcmd, \
                coalesce((SELECT array_agg(CASE WHEN r = 0 THEN 'public' \
                                           ELSE pg_get_userbyid(r)::text END ORDER BY 1) \
                          FROM unnest(p.polroles) r), '{{}}') AS roles, \
                pg_get_expr(p.polqual, p.polrelid) AS using_expr, \
                pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr, \
                obj_description(p.oid, 'pg_policy') AS comment \
         FROM t JOIN pg_policy p ON p.polrelid = t.oid ORDER BY p.oid",
        tables = s.tables
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let table = row.qualified("relname")?;
        let name: String = row.col("polname")?;
        let command = match row.col::<&str>("polcmd")? {
            "r" => "SELECT",
            "a" => "INSERT",
            "w" => "UPDATE",
            "d" => "DELETE",
            _ => "ALL",
        };
        let id = ObjectId::member(ObjectKind::Policy, &table, name.clone());
        cx.schema.policies.insert(
            id.clone(),
            Policy {
                id,
                table,
                name,
                permissive: row.col("polpermissive")?,
                command: command.to_string(),
                roles: row.col("roles")?,
                using: cx.text.opt_expr(row.col("using_expr")?)?,
                with_check: cx.text.opt_expr(row.col("check_expr")?)?,
                comment: row.col("comment")?,
            },
        );
    }
    Ok(())
}
