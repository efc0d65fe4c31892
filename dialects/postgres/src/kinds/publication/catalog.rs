//! Reading this kind from the live catalog: each `pg_publication` row not owned by an
//! extension, with its tables (`pg_publication_rel`: the column list, the
//! row filter as `pg_get_expr` prints it) and schemas (`pg_publication_namespace`),
//! printed as `CREATE PUBLICATION` and `COMMENT ON PUBLICATION` and queued for the SQL
//! interpreter, so the catalog's form and a file's go through the same loader.

use crate::introspect::{not_extension_member, Catalog, CatalogKind, RowExt, Scope};
use crate::quote::quote_ident;
use migrator_core::dialect::LoadError;
use migrator_core::render::quote_literal;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

fn query(s: &Scope) -> String {
    format!(
        "SELECT p.pubname::text AS pubname, p.puballtables, {via_root} AS pubviaroot, \
                concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END, \
                    CASE WHEN p.pubupdate THEN 'update' END, \
                    CASE WHEN p.pubdelete THEN 'delete' END, \
                    CASE WHEN p.pubtruncate THEN 'truncate' END) AS publish, \
                ARRAY(SELECT 'TABLE ONLY ' || format('%I.%I', n.nspname, c.relname) \
                        || coalesce(' (' || (SELECT string_agg(quote_ident(a.attname), ', ' \
                                ORDER BY a.attnum) FROM pg_attribute a \
                            WHERE a.attrelid = r.prrelid AND a.attnum = ANY ({attrs})) \
                            || ')', '') \
                        || coalesce(' WHERE (' || {filter} || ')', '') \
                      FROM pg_publication_rel r JOIN pg_class c ON c.oid = r.prrelid \
                      JOIN pg_namespace n ON n.oid = c.relnamespace \
                      WHERE r.prpubid = p.oid ORDER BY n.nspname, c.relname) AS tables, \
                {schemas} AS schemas, \
                obj_description(p.oid, 'pg_publication') AS comment \
         FROM pg_publication p WHERE {member} ORDER BY p.oid",
        via_root = s.publication_via_root,
        attrs = s.publication_attrs,
        filter = s.publication_filter,
        schemas = s.publication_schemas,
        member = not_extension_member("pg_publication", "p.oid"),
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    let mut sql = String::new();
    for row in rows {
        let name = quote_ident(&row.col::<String>("pubname")?);
        sql.push_str(&format!("CREATE PUBLICATION {name}"));
        let mut objects: Vec<String> = row.col("tables")?;
        objects.extend(row.col::<Vec<String>>("schemas")?);
        if row.col("puballtables")? {
            sql.push_str(" FOR ALL TABLES");
        } else if !objects.is_empty() {
            sql.push_str(&format!(" FOR {}", objects.join(", ")));
        }
        let publish = quote_literal(&row.col::<String>("publish")?);
        let via_root: bool = row.col("pubviaroot")?;
        sql.push_str(&format!(
            " WITH (publish = {publish}, publish_via_partition_root = {via_root});\n"
        ));
        if let Some(comment) = row.col::<Option<String>>("comment")? {
            let text = quote_literal(&comment);
            sql.push_str(&format!("COMMENT ON PUBLICATION {name} IS {text};\n"));
        }
    }
    if !sql.is_empty() {
        cx.interpret(sql);
    }
    Ok(())
}
