//! Reading this kind from the live catalog: plain and partitioned tables from `pg_class`,
//! with row security, the partition key and bound (as `pg_get_partkeydef`/`pg_get_expr`
//! text), the parents of inheritance and the composite type of a typed table
//! (`reloftype`), and a foreign table's server and options (`pg_foreign_table`).

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope, PG_CLASS};
use migrator_core::dialect::LoadError;
use migrator_core::schema::{ForeignTable, PartitionOf, QualifiedName, ReplicaIdentity, Table};
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 40);

fn query(s: &Scope) -> String {
    format!(
        "SELECT n.nspname, c.relname, c.oid, c.relrowsecurity, c.relforcerowsecurity, \
                c.relpersistence::text AS relpersistence, c.reloptions::text[] AS reloptions, \
                (SELECT tc.reloptions::text[] FROM pg_class tc WHERE tc.oid = c.reltoastrelid) \
                    AS toast_options, \
                c.relreplident::text AS relreplident, \
                (SELECT ri.relname FROM pg_index x JOIN pg_class ri ON ri.oid = x.indexrelid \
                 WHERE x.indrelid = c.oid AND x.indisreplident) AS replident_index, \
                (SELECT ci.relname FROM pg_index x JOIN pg_class ci ON ci.oid = x.indexrelid \
                 WHERE x.indrelid = c.oid AND x.indisclustered) AS cluster_index, \
                CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key, \
                pn.nspname AS parent_schema, pc.relname AS parent_name, \
                pg_get_expr(c.relpartbound, c.oid) AS partition_bound, \
                otn.nspname AS of_type_schema, ot.typname AS of_type_name, \
                fs.srvname::text AS foreign_server, ft.ftoptions::text[] AS foreign_options, \
                CASE WHEN NOT c.relispartition THEN \
                  (SELECT json_agg(json_build_array(ipn.nspname, ipc.relname) \
                                   ORDER BY i.inhseqno) \
                   FROM pg_inherits i JOIN pg_class ipc ON ipc.oid = i.inhparent \
                   JOIN pg_namespace ipn ON ipn.oid = ipc.relnamespace \
                   WHERE i.inhrelid = c.oid) END AS inherits \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_inherits ih ON ih.inhrelid = c.oid AND c.relispartition \
         LEFT JOIN pg_class pc ON pc.oid = ih.inhparent \
         LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace \
         LEFT JOIN pg_type ot ON ot.oid = c.reloftype \
         LEFT JOIN pg_namespace otn ON otn.oid = ot.typnamespace \
         LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid \
         LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver \
         WHERE {table_filter} ORDER BY 1, 2",
        table_filter = s.table_filter
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let name = row.qualified("relname")?;
        let mut t = Table::new(name.clone());
        t.comment = cx.comments.take(PG_CLASS, row.col("oid")?, 0);
        t.row_security = row.col("relrowsecurity")?;
        t.force_row_security = row.col("relforcerowsecurity")?;
        t.unlogged = row.col::<&str>("relpersistence")? == "u";
        t.cluster_on = row.col("cluster_index")?;
        for (column, prefix) in [("reloptions", ""), ("toast_options", "toast.")] {
            for option in row.col::<Option<Vec<String>>>(column)?.unwrap_or_default() {
                let (name, value) = option.split_once('=').unwrap_or((&option, "true"));
                t.storage_parameters
                    .push((format!("{prefix}{name}"), value.to_string()));
            }
        }
        let foreign_server = row.col::<Option<String>>("foreign_server")?;
        t.replica_identity = match row.col::<&str>("relreplident")? {
            // A foreign table has none to speak of: PostgreSQL stores `n`.
            _ if foreign_server.is_some() => ReplicaIdentity::Default,
            "f" => ReplicaIdentity::Full,
            "n" => ReplicaIdentity::Nothing,
            // An identity index that was dropped leaves `i` and no index: nothing is
            // replicated, as with NOTHING.
            "i" => match row.col::<Option<String>>("replident_index")? {
                Some(index) => ReplicaIdentity::Index(index),
                None => ReplicaIdentity::Nothing,
            },
            _ => ReplicaIdentity::Default,
        };
        if let Some(def) = row.col::<Option<String>>("partition_key")? {
            t.partition_by = Some(
                crate::kinds::table::partition::key_from_text(&def).map_err(LoadError::Other)?,
            );
        }
        if let (Some(s), Some(p), Some(b)) = (
            row.col::<Option<String>>("parent_schema")?,
            row.col::<Option<String>>("parent_name")?,
            row.col::<Option<String>>("partition_bound")?,
        ) {
            t.partition_of = Some(PartitionOf {
                parent: QualifiedName::new(s, p),
                bound: crate::kinds::table::partition::bound_from_text(&b)
                    .map_err(LoadError::Other)?,
            });
        }
        if let (Some(s), Some(n)) = (
            row.col::<Option<String>>("of_type_schema")?,
            row.col::<Option<String>>("of_type_name")?,
        ) {
            t.of_type = Some(QualifiedName::new(s, n));
        }
        if let Some(server) = foreign_server {
            t.foreign = Some(ForeignTable {
                server,
                options: crate::kinds::foreign_data::catalog::options(row.col("foreign_options")?),
            });
        }
        if let Some(parents) = row.col::<Option<serde_json::Value>>("inherits")? {
            let parents: Vec<(String, String)> =
                serde_json::from_value(parents).map_err(|e| LoadError::Other(e.to_string()))?;
            t.inherits = parents
                .into_iter()
                .map(|(s, n)| QualifiedName::new(s, n))
                .collect();
        }
        cx.schema.tables.insert(name, t);
    }
    Ok(())
}
