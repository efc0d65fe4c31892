//! Reading this kind from the live catalog: user triggers on tables and views (not
//! internal ones, nor the clones on partitions) as their `pg_get_triggerdef` text, parsed like a file's
//! `CREATE TRIGGER` and kept as the text to emit, with its state (`tgenabled`).

use crate::introspect::{first_statement, Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::kinds::TriggerState;
use migrator_core::schema::QualifiedName;
use pg_query::protobuf::node::Node as N;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 3);

fn query(s: &Scope) -> String {
    format!(
        "{tables}, r AS (SELECT oid, nspname, relname FROM t UNION ALL \
                  SELECT c.oid, n.nspname, c.relname \
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                  WHERE c.relkind = 'v' AND {ns} AND {class_member}) \
         SELECT pg_get_triggerdef(tg.oid) AS definition, \
                obj_description(tg.oid, 'pg_trigger') AS comment, \
                r.nspname, r.relname, tg.tgname, tg.tgenabled::text AS tgenabled \
         FROM r JOIN pg_trigger tg ON tg.tgrelid = r.oid \
         WHERE NOT tg.tgisinternal AND tg.tgparentid = 0 ORDER BY tg.oid",
        tables = s.tables,
        ns = s.ns,
        class_member = s.class_member
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let def: String = row.col("definition")?;
        let table = row.qualified("relname")?;
        let mut t = match first_statement(&def)? {
            N::CreateTrigStmt(s) => {
                // Read with an empty search path: an unqualified function is `pg_catalog`'s.
                crate::kinds::trigger::canonical::trigger(
                    &s,
                    table,
                    &|n| QualifiedName::new("pg_catalog", n),
                    Some(def),
                )
                .map_err(LoadError::Other)?
            }
            _ => continue,
        };
        t.comment = row.col("comment")?;
        t.state = match row.col::<&str>("tgenabled")? {
            "D" => TriggerState::Disabled,
            "R" => TriggerState::Replica,
            "A" => TriggerState::Always,
            _ => TriggerState::Enabled,
        };
        cx.schema.triggers.insert(t.id.clone(), t);
    }
    Ok(())
}
