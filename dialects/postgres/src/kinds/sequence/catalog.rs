//! Reading this kind from the live catalog: `pg_sequence` with the column owning each
//! sequence (`OWNED BY`); identity columns' sequences are read with their column.

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope, PG_CLASS};
use migrator_core::dialect::LoadError;
use migrator_core::schema::{ColumnRef, QualifiedName, Sequence, SequenceOptions};
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 40);

fn query(s: &Scope) -> String {
    format!(
        "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL) AS data_type, \
                s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache, s.seqcycle, \
                own.nspname AS owner_schema, own.relname AS owner_table, \
                own.attname AS owner_column, c.oid \
         FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN LATERAL ( \
             SELECT tn.nspname, t.relname, a.attname, d.deptype \
             FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid \
             JOIN pg_namespace tn ON tn.oid = t.relnamespace \
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid \
             WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid \
               AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') \
         ) own ON true \
         WHERE {ns} AND {class_member} AND own.deptype IS DISTINCT FROM 'i' \
         ORDER BY 1, 2",
        ns = s.ns,
        class_member = s.class_member
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let name = row.qualified("relname")?;
        let data_type = cx.text.data_type(row.col("data_type")?)?.text;
        let owner: (Option<String>, Option<String>) =
            (row.col("owner_schema")?, row.col("owner_table")?);
        let owned_by = match owner {
            (Some(s), Some(t)) => Some(ColumnRef {
                table: QualifiedName::new(s, t),
                column: row.col("owner_column")?,
            }),
            _ => None,
        };
        cx.schema.sequences.insert(
            name.clone(),
            Sequence {
                name,
                options: options(&row, data_type)?,
                owned_by,
                comment: cx.comments.take(PG_CLASS, row.col("oid")?, 0),
            },
        );
    }
    Ok(())
}

/// The options of a sequence of type `data_type` from a row with `pg_sequence`'s columns
/// (`seqincrement`, `seqmin`, …): a sequence's own, or an identity column's.
pub(crate) fn options(row: &Row, data_type: String) -> Result<SequenceOptions, LoadError> {
    Ok(SequenceOptions {
        data_type,
        increment: row.col("seqincrement")?,
        min_value: row.col("seqmin")?,
        max_value: row.col("seqmax")?,
        start: row.col("seqstart")?,
        cache: row.col("seqcache")?,
        cycle: row.col("seqcycle")?,
    })
}
