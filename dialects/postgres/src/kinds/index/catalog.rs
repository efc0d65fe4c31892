//! Reading this kind from the live catalog: indexes on user tables and materialized views
//! that no constraint owns (nor a partitioned parent's index).
//!
//! An index on plain columns with their default operator classes and collations comes as
//! catalog rows (column names, sort options, INCLUDE columns, predicate: `pg_get_expr`
//! text printed once per distinct tree, [`printed_once`]); any other (expressions, options,
//! operator classes, a predicate using a user operator, as `pg_depend` tells) as its
//! `pg_get_indexdef` text for the SQL interpreter, which records the user operators it
//! uses, read after the views (an index may be on a materialized view), with the
//! statistics targets of its expression columns as `ALTER INDEX … ALTER COLUMN n SET
//! STATISTICS`. A key's column is
//! looked up by index (`LATERAL … OFFSET 0`, which the planner cannot turn into a join):
//! the planner hashed the whole of `pg_attribute` instead, 0.5 s at 10,000 tables.

use crate::introspect::{printed_once, Catalog, CatalogKind, RowExt, Scope, PG_CLASS};
use migrator_core::dialect::LoadError;
use migrator_core::schema::{Index, QualifiedName};
use std::fmt::Write as _;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 176);

fn query(s: &Scope) -> String {
    format!(
        "{tables} \
         , r AS (SELECT oid, nspname, relname FROM t UNION ALL \
                 SELECT c.oid, n.nspname, c.relname FROM pg_class c \
                 JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE c.relkind = 'm' AND {ns} AND {class_member}) \
         , i AS MATERIALIZED (SELECT r.nspname, r.relname AS tabname, x.* \
             FROM r JOIN pg_index x ON x.indrelid = r.oid \
             WHERE NOT EXISTS ( \
                 SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid \
                   AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x')) \
               AND NOT EXISTS (SELECT 1 FROM pg_inherits ih \
                               WHERE ih.inhrelid = x.indexrelid)) \
         {predicates} \
         , keys AS (SELECT i.indexrelid, \
             bool_and(k.ord > i.indnkeyatts OR (a.attname IS NOT NULL \
                 AND (k.coll = 0 OR k.coll = a.attcollation) AND o.opcdefault \
                 AND (d.oid IS NULL OR d.oid = o.oid))) AS plain, \
             array_agg(a.attname::text ORDER BY k.ord) \
                 FILTER (WHERE k.ord <= i.indnkeyatts) AS cols, \
             array_agg(a.attname::text ORDER BY k.ord) \
                 FILTER (WHERE k.ord > i.indnkeyatts) AS incl \
             FROM i CROSS JOIN unnest(i.indkey::int2[], i.indclass::oid[], \
                 i.indcollation::oid[]) WITH ORDINALITY k(att, opc, coll, ord) \
             LEFT JOIN LATERAL (SELECT a.attname, a.attcollation, a.atttypid \
                 FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = k.att \
                 OFFSET 0) a ON true \
             LEFT JOIN pg_opclass o ON o.oid = k.opc \
             LEFT JOIN pg_opclass d ON d.opcmethod = o.opcmethod AND d.opcdefault \
                  AND d.opcintype = a.atttypid \
             GROUP BY i.indexrelid) \
         SELECT i.nspname, ic.relname, i.tabname, i.indexrelid, \
                CASE WHEN NOT s.simple THEN pg_get_indexdef(i.indexrelid) END AS definition, \
                i.indisunique, am.amname, {nulls_not_distinct} AS nulls_not_distinct, \
                CASE WHEN s.simple THEN keys.cols END AS columns, \
                i.indoption::int2[] AS indoption, \
                CASE WHEN s.simple THEN keys.incl END AS include, \
                CASE WHEN s.simple THEN pred.expr END AS predicate, \
                CASE WHEN NOT s.simple THEN (SELECT array_agg(a.attnum::text || ' ' || \
                    a.attstattarget::text ORDER BY a.attnum) FROM pg_attribute a \
                    WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0) END AS statistics \
         FROM i JOIN keys ON keys.indexrelid = i.indexrelid \
         JOIN pg_class ic ON ic.oid = i.indexrelid \
         JOIN pg_am am ON am.oid = ic.relam \
         LEFT JOIN pred ON pred.oid = i.indexrelid \
         CROSS JOIN LATERAL (SELECT i.indexprs IS NULL AND ic.reloptions IS NULL \
                             AND keys.plain AND (i.indpred IS NULL OR NOT EXISTS ( \
                                 SELECT 1 FROM pg_depend dp \
                                 JOIN pg_operator op ON op.oid = dp.refobjid \
                                 WHERE dp.classid = 'pg_class'::regclass \
                                   AND dp.objid = i.indexrelid \
                                   AND dp.refclassid = 'pg_operator'::regclass \
                                   AND op.oprnamespace <> 'pg_catalog'::regnamespace)) \
                             AS simple) s \
         ORDER BY i.indexrelid",
        tables = s.tables,
        ns = s.ns,
        class_member = s.class_member,
        predicates = printed_once(
            "pred",
            "SELECT x.indexrelid AS oid, x.indrelid AS relid, x.indpred AS tree \
             FROM i x WHERE x.indpred IS NOT NULL"
        ),
        nulls_not_distinct = s.nulls_not_distinct
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    let mut index_ddl = String::new();
    for row in rows {
        let name = row.qualified("relname")?;
        let comment = cx.comments.take(PG_CLASS, row.col("indexrelid")?, 0);
        if let Some(def) = row.col::<Option<String>>("definition")? {
            let _ = writeln!(index_ddl, "{def};");
            // Statistics targets (only an expression column has one of its own).
            for target in row
                .col::<Option<Vec<String>>>("statistics")?
                .unwrap_or_default()
            {
                let (column, value) = target.split_once(' ').unwrap_or((&target, "-1"));
                let _ = writeln!(
                    index_ddl,
                    "ALTER INDEX {} ALTER COLUMN {column} SET STATISTICS {value};",
                    crate::ddl::qname(&name)
                );
            }
            if let Some(comment) = comment {
                cx.after_interpreter(move |s| {
                    if let Some(i) = s.indexes.get_mut(&name) {
                        i.comment = Some(comment);
                    }
                });
            }
            continue;
        }
        // Bit 0 of each key's option is DESC, bit 1 NULLS FIRST.
        let options: Vec<i16> = row.col("indoption")?;
        let keys = row
            .col::<Option<Vec<String>>>("columns")?
            .unwrap_or_default()
            .iter()
            .zip(options.iter().chain(std::iter::repeat(&0)))
            .map(|(col, &opt)| crate::load::column_index_key(col, opt & 1 != 0, opt & 2 != 0))
            .collect();
        let index = Index {
            table: QualifiedName::new(name.schema.clone(), row.col::<String>("tabname")?),
            name: name.clone(),
            unique: row.col("indisunique")?,
            method: row.col("amname")?,
            keys,
            include: row
                .col::<Option<Vec<String>>>("include")?
                .unwrap_or_default(),
            with: vec![],
            predicate: cx.text.opt_expr(row.col("predicate")?)?,
            nulls_not_distinct: row.col("nulls_not_distinct")?,
            // Only an expression column has a target of its own, and an index with one
            // is read through its definition.
            statistics: Default::default(),
            comment,
            adopts: Vec::new(),
            after_parent: None,
        };
        cx.schema.indexes.insert(name, index);
    }
    cx.interpret(index_ddl);
    Ok(())
}
