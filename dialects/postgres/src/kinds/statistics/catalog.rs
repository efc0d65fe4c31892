//! Reading this kind from the live catalog: each `pg_statistic_ext` row of a user table
//! printed by `pg_get_statisticsobjdef` (qualified, under the empty search path), with
//! its target and comment as `ALTER STATISTICS` and `COMMENT ON STATISTICS`, queued for
//! the SQL interpreter, so the catalog's form and a file's go through the same loader.

use crate::ddl::qname;
use crate::introspect::{not_extension_member, Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::render::quote_literal;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

fn query(s: &Scope) -> String {
    format!(
        "{tables} SELECT n.nspname, s.stxname::text AS stxname, \
                pg_get_statisticsobjdef(s.oid) AS definition, \
                coalesce({target}, -1) AS target, \
                obj_description(s.oid, 'pg_statistic_ext') AS comment \
         FROM pg_statistic_ext s JOIN t ON t.oid = s.stxrelid \
         JOIN pg_namespace n ON n.oid = s.stxnamespace \
         WHERE {member} ORDER BY s.oid",
        tables = s.tables,
        target = s.statistics_target,
        member = not_extension_member("pg_statistic_ext", "s.oid"),
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    let mut sql = String::new();
    for row in rows {
        let name = qname(&row.qualified("stxname")?);
        sql.push_str(&row.col::<String>("definition")?);
        sql.push_str(";\n");
        let target: i32 = row.col("target")?;
        if target >= 0 {
            sql.push_str(&format!(
                "ALTER STATISTICS {name} SET STATISTICS {target};\n"
            ));
        }
        if let Some(comment) = row.col::<Option<String>>("comment")? {
            let text = quote_literal(&comment);
            sql.push_str(&format!("COMMENT ON STATISTICS {name} IS {text};\n"));
        }
    }
    if !sql.is_empty() {
        cx.interpret(sql);
    }
    Ok(())
}
