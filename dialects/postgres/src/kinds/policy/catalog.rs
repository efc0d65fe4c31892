//! Reading this kind from the live catalog: `pg_policy` for every user table, with its
//! roles by name and its expressions as `pg_get_expr` text. A policy whose expressions hold
//! a sub-query is queued for the SQL interpreter as its `CREATE POLICY`, so that its
//! sub-query goes through the loader's canonical query as a file's does.

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope};
use crate::quote::{quote_ident, quote_qualified};
use migrator_core::dialect::LoadError;
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::{Policy, QualifiedName};
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
        let using: Option<String> = row.col("using_expr")?;
        let with_check: Option<String> = row.col("check_expr")?;
        let sub_query = |e: &Option<String>| e.as_deref().is_some_and(|e| e.contains("SELECT"));
        if sub_query(&using) || sub_query(&with_check) {
            let roles: Vec<String> = row.col("roles")?;
            let permissive: bool = row.col("polpermissive")?;
            cx.interpret(create_policy(
                &name,
                &table,
                permissive,
                command,
                &roles,
                [("USING", using), ("WITH CHECK", with_check)],
            ));
            let comment: Option<String> = row.col("comment")?;
            if comment.is_some() {
                cx.after_interpreter(move |s| {
                    if let Some(p) = s.policies.get_mut(&id) {
                        p.comment = comment;
                    }
                });
            }
            continue;
        }
        cx.schema.policies.insert(
            id.clone(),
            Policy {
                id,
                table,
                name,
                permissive: row.col("polpermissive")?,
                command: command.to_string(),
                roles: row.col("roles")?,
                using: cx.text.opt_expr(using)?,
                with_check: cx.text.opt_expr(with_check)?,
                comment: row.col("comment")?,
            },
        );
    }
    Ok(())
}

/// The `CREATE POLICY` statement of a catalog row.
fn create_policy<const N: usize>(
    name: &str,
    table: &QualifiedName,
    permissive: bool,
    command: &str,
    roles: &[String],
    exprs: [(&str, Option<String>); N],
) -> String {
    let roles: Vec<String> = roles
        .iter()
        .map(|r| match r.as_str() {
            "public" => "PUBLIC".to_string(),
            r => quote_ident(r),
        })
        .collect();
    let mut sql = format!(
        "CREATE POLICY {} ON {} AS {} FOR {command} TO {}",
        quote_ident(name),
        quote_qualified(&table.schema, &table.name),
        if permissive {
            "PERMISSIVE"
        } else {
            "RESTRICTIVE"
        },
        roles.join(", ")
    );
    for (clause, e) in exprs {
        if let Some(e) = e {
            sql.push_str(&format!(" {clause} ({e})"));
        }
    }
    sql
}
