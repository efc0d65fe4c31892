//! Reading this kind from the live catalog: `pg_attribute` for every user table, with the
//! default or generation expression (`pg_get_expr` text), the identity's sequence options,
//! the collation and storage where they differ from the type's, and whether the column is
//! the table's own or only inherited.
//!
//! The columns of partitions are read whole, then kept only where their default or NOT
//! NULL differs from the parent's (`prune_overrides`, when the load finishes); the
//! constraints of a partition name their columns by number ([`Catalog::attnames`]).

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope, PG_CLASS};
use migrator_core::dialect::LoadError;
use migrator_core::schema::{Column, Identity};
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 220);

fn query(s: &Scope) -> String {
    format!(
        "{tables} \
         , ad AS MATERIALIZED (SELECT ad.oid, ad.adrelid, ad.adnum, ad.adbin, \
               ad.adbin::text COLLATE \"C\" AS txt, \
               starts_with(ad.adbin::text, '{nextval}') AS nv \
             FROM t JOIN pg_attrdef ad ON ad.adrelid = t.oid) \
         , shared AS MATERIALIZED (SELECT s.txt, pg_get_expr(ad.adbin, 0) AS expr \
             FROM (SELECT txt, min(oid) AS oid FROM ad \
                   WHERE NOT nv AND strpos(txt, '{{VAR ') = 0 GROUP BY txt) s \
             JOIN ad ON ad.oid = s.oid) \
         SELECT t.nspname, t.relname, a.attname, \
                format_type(a.atttypid, a.atttypmod) AS data_type, \
                a.attnotnull, \
                coalesce(CASE WHEN ad.nv THEN ( \
                    SELECT 'nextval(''' || q.name || '''::regclass)' \
                    FROM pg_depend dep JOIN pg_class sc ON sc.oid = dep.refobjid \
                    JOIN pg_namespace sn ON sn.oid = sc.relnamespace \
                    CROSS JOIN LATERAL (SELECT quote_ident(sn.nspname) || '.' \
                                            || quote_ident(sc.relname) AS name) q \
                    WHERE dep.classid = 'pg_attrdef'::regclass AND dep.objid = ad.oid \
                      AND dep.objsubid = 0 AND dep.refclassid = 'pg_class'::regclass \
                      AND dep.deptype = 'n' AND sc.relkind = 'S' \
                      AND sn.nspname <> 'pg_catalog' \
                      AND sn.nspname NOT LIKE 'pg\\_temp\\_%' \
                      AND strpos(q.name, '''') = 0 AND strpos(q.name, '\\') = 0 \
                    LIMIT 1) END, \
                  shared.expr, pg_get_expr(ad.adbin, ad.adrelid)) AS expression, \
                a.attidentity::text AS attidentity, a.attgenerated::text AS attgenerated, \
                CASE WHEN a.attcollation <> ty.typcollation THEN co.collname::text END \
                    AS collation, \
                t.oid, \
                seq.seqincrement, seq.seqmin, seq.seqmax, seq.seqstart, seq.seqcache, \
                seq.seqcycle, a.attnum, t.relispartition, \
                a.attstorage::text AS attstorage, ty.typstorage::text AS typstorage, \
                a.attislocal, a.attstattarget::int4 AS attstattarget, \
                a.attoptions::text[] AS attoptions, a.attfdwoptions::text[] AS attfdwoptions \
         FROM t JOIN pg_attribute a ON a.attrelid = t.oid \
         JOIN pg_type ty ON ty.oid = a.atttypid \
         LEFT JOIN ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum \
         LEFT JOIN shared ON shared.txt = ad.txt \
         LEFT JOIN pg_collation co ON co.oid = a.attcollation \
         LEFT JOIN LATERAL ( \
             SELECT s.* FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid \
             WHERE a.attidentity <> '' AND dep.refclassid = 'pg_class'::regclass \
               AND dep.refobjid = t.oid AND dep.refobjsubid = a.attnum \
               AND dep.classid = 'pg_class'::regclass AND dep.deptype = 'i' \
         ) seq ON true \
         WHERE a.attnum > 0 AND NOT a.attisdropped \
         ORDER BY a.attrelid, a.attnum",
        tables = s.tables,
        nextval = NEXTVAL
    )
}

/// How the stored tree of `nextval('s'::regclass)` begins (`nextval(regclass)` is function
/// 1574 and takes one argument, here a `regclass` constant): a serial column's default.
///
/// Its text is built from the sequence the default depends on (`pg_depend`, deptype `n`)
/// as `pg_get_expr` prints it under `search_path = ''` (`regclassout` qualifies the name
/// and quotes each part as `quote_ident` does); a name with a quote or a backslash, whose
/// literal depends on `standard_conforming_strings`, still goes through `pg_get_expr`.
/// The other defaults without column references (`now()`, `0`, an enum label) are printed
/// once per distinct stored tree (`pg_get_expr(tree, 0)`), not once per column.
const NEXTVAL: &str = "{FUNCEXPR :funcid 1574 :funcresulttype 20 :funcretset false \
     :funcvariadic false :funcformat 0 :funccollid 0 :inputcollid 0 \
     :args ({CONST :consttype 2205 ";

/// PostgreSQL's attribute options (`attribute_reloptions`).
const ATTRIBUTE_OPTIONS: &[&str] = &["n_distinct", "n_distinct_inherited"];

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let relid: u32 = row.col("oid")?;
        let attnum: i16 = row.col("attnum")?;
        cx.attnames.insert((relid, attnum), row.col("attname")?);
        let partition: bool = row.col("relispartition")?;
        let table = row.qualified("relname")?;
        let ct = cx.text.data_type(row.col("data_type")?)?;
        let identity: String = row.col("attidentity")?;
        let generated: String = row.col("attgenerated")?;
        let expr = cx.text.opt_expr(row.col("expression")?)?;
        let (default, generated) = if generated == "s" {
            (None, expr)
        } else {
            (expr, None)
        };
        let identity = if identity.is_empty() {
            None
        } else {
            Some(Identity {
                always: identity == "a",
                options: crate::kinds::sequence::catalog::options(&row, ct.text.clone())?,
            })
        };
        let (att, typ): (String, String) = (row.col("attstorage")?, row.col("typstorage")?);
        let column = Column {
            name: row.col("attname")?,
            data_type: ct.text,
            type_ref: ct.user_type,
            not_null: row.col("attnotnull")?,
            default,
            identity: identity.map(Box::new),
            generated: generated.map(Box::new),
            collation: row.col("collation")?,
            comment: cx.comments.take(PG_CLASS, relid, attnum.into()),
            renamed_from: None,
            storage: crate::kinds::column::storage::storage(
                crate::kinds::column::storage::mode_of(&att),
                crate::kinds::column::storage::mode_of(&typ).to_string(),
            )
            .map(Box::new),
            inherited: partition || !row.col::<bool>("attislocal")?,
            // -1 up to PostgreSQL 16, NULL from 17: the default.
            statistics: row.col::<Option<i32>>("attstattarget")?.filter(|s| *s >= 0),
            options: row
                .col::<Option<Vec<String>>>("attoptions")?
                .unwrap_or_default()
                .iter()
                .map(|o| {
                    let (name, value) = o.split_once('=').unwrap_or((o, "true"));
                    (name.to_string(), value.to_string())
                })
                // The attribute options `ALTER COLUMN … SET (…)` accepts; the server's
                // modules may keep entries of their own there (`pg_attver`), which are no
                // part of the schema.
                .filter(|(name, _)| ATTRIBUTE_OPTIONS.contains(&name.as_str()))
                .collect(),
            fdw_options: crate::kinds::foreign_data::catalog::options(row.col("attfdwoptions")?),
        };
        if let Some(t) = cx.schema.tables.get_mut(&table) {
            t.columns_mut().push(column);
        }
    }
    Ok(())
}
