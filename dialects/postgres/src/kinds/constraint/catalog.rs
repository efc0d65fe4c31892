//! Reading this kind from the live catalog: `pg_constraint` for every user table.
//!
//! PRIMARY KEY, UNIQUE and FOREIGN KEY come as catalog rows (key columns by number, named
//! through [`Catalog::attnames`]; actions as codes), CHECK as its `pg_get_expr` text
//! (printed once per distinct tree: [`printed_once`]); only EXCLUDE, which has no
//! structured form here, as its `pg_get_constraintdef` text for the SQL interpreter. A
//! foreign key to a table not read (an extension's) brings the names of its referenced
//! columns with it. Constraints inherited by partitions or children are left out.
//! A key's comments (its own, and its index's by `conindid`) come from the shared
//! `pg_description` scan.

use crate::introspect::{
    printed_once, Catalog, CatalogKind, RowExt, Scope, PG_CLASS, PG_CONSTRAINT,
};
use migrator_core::dialect::LoadError;
use migrator_core::schema::{Constraint, ConstraintKind, QualifiedName};
use std::collections::HashMap;
use std::fmt::Write as _;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 113);

fn query(s: &Scope) -> String {
    format!(
        "{tables} {checks} \
         SELECT t.nspname, t.relname, con.conname, con.contype::text AS contype, \
                CASE WHEN con.contype = 'x' THEN pg_get_constraintdef(con.oid) END \
                    AS definition, \
                chk.expr AS check_expr, \
                con.connoinherit, con.convalidated, con.condeferrable, con.condeferred, \
                con.conkey, i.indkey::int2[] AS indkey, i.indnkeyatts, \
                {nulls_not_distinct} AS nulls_not_distinct, \
                rn.nspname AS ref_schema, rc.relname AS ref_table, con.confkey, \
                CASE WHEN con.contype = 'f' AND rc.oid NOT IN (SELECT oid FROM t) \
                     THEN ARRAY(SELECT a.attname::text \
                                FROM unnest(con.confkey) WITH ORDINALITY k(num, ord) \
                                JOIN pg_attribute a ON a.attrelid = con.confrelid \
                                                   AND a.attnum = k.num \
                                ORDER BY k.ord) END AS outside_ref_columns, \
                con.confupdtype::text AS confupdtype, con.confdeltype::text AS confdeltype, \
                {fk_delete_columns} AS confdelsetcols, \
                con.confmatchtype::text AS confmatchtype, \
                CASE WHEN con.contype IN ('p', 'u', 'x') THEN con.conindid END AS conindid, \
                con.oid, con.conrelid, con.confrelid \
         FROM t JOIN pg_constraint con ON con.conrelid = t.oid \
         LEFT JOIN chk ON chk.oid = con.oid \
         LEFT JOIN pg_index i ON i.indexrelid = con.conindid \
                              AND con.contype IN ('p', 'u') \
         LEFT JOIN pg_class rc ON rc.oid = con.confrelid \
         LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace \
         WHERE con.contype IN ('p', 'u', 'c', 'f', 'x') \
           AND con.conparentid = 0 AND con.conislocal \
         ORDER BY t.oid, con.contype = 'f', con.conname",
        tables = s.tables,
        checks = printed_once(
            "chk",
            "SELECT con.oid, con.conrelid AS relid, con.conbin AS tree \
             FROM t JOIN pg_constraint con ON con.conrelid = t.oid \
             WHERE con.contype = 'c' AND con.conparentid = 0 AND con.conislocal"
        ),
        nulls_not_distinct = s.nulls_not_distinct,
        fk_delete_columns = s.fk_delete_columns
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    // The constraints are the column names' last reader.
    let attnames = std::mem::take(&mut cx.attnames);
    let mut exclusion_ddl = String::new();
    for row in rows {
        let table = row.qualified("relname")?;
        let name: String = row.col("conname")?;
        let comment = cx.comments.take(PG_CONSTRAINT, row.col("oid")?, 0);
        // A key's index has a comment of its own (a foreign key's `conindid` is the
        // referenced table's index, not its own: it is read as NULL).
        let index_comment = match row.col::<Option<u32>>("conindid")? {
            Some(index) => cx.comments.take(PG_CLASS, index, 0),
            None => None,
        };
        let kind = match kind(&row, &table, &name, &attnames, cx)? {
            Some(kind) => kind,
            None => {
                // EXCLUDE: its definition goes through the SQL interpreter.
                let def: String = row.col("definition")?;
                let _ = writeln!(
                    exclusion_ddl,
                    "ALTER TABLE ONLY {} ADD CONSTRAINT {} {def};",
                    crate::ddl::qname(&table),
                    crate::quote::quote_ident(&name)
                );
                if comment.is_some() || index_comment.is_some() {
                    cx.after_interpreter(move |s| {
                        if let Some(c) = s
                            .tables
                            .get_mut(&table)
                            .and_then(|t| t.constraints_mut().get_mut(&name))
                        {
                            c.comment = comment;
                            c.index_comment = index_comment;
                        }
                    });
                }
                continue;
            }
        };
        if let Some(t) = cx.schema.tables.get_mut(&table) {
            t.constraints_mut().insert(
                name.clone(),
                Constraint {
                    name,
                    kind,
                    deferrable: row.col("condeferrable")?,
                    initially_deferred: row.col("condeferred")?,
                    comment,
                    index_comment,
                    not_valid: !row.col::<bool>("convalidated")?,
                    using_index: None,
                },
            );
        }
    }
    cx.interpret(exclusion_ddl);
    Ok(())
}

/// The kind of the constraint in `row`, or `None` for an EXCLUDE (read as SQL instead).
fn kind(
    row: &Row,
    table: &QualifiedName,
    name: &str,
    attnames: &HashMap<(u32, i16), String>,
    cx: &mut Catalog,
) -> Result<Option<ConstraintKind>, LoadError> {
    let relid: u32 = row.col("conrelid")?;
    let names = |relid: u32, nums: &[i16]| -> Result<Vec<String>, LoadError> {
        nums.iter()
            .map(|n| {
                attnames.get(&(relid, *n)).cloned().ok_or_else(|| {
                    LoadError::Other(format!(
                        "constraint {name} on {table}: column {n} of relation {relid} not found"
                    ))
                })
            })
            .collect()
    };
    let conkey: Vec<i16> = row.col::<Option<Vec<i16>>>("conkey")?.unwrap_or_default();
    // The index's columns after its key columns are the INCLUDE ones.
    let include = || -> Result<Vec<String>, LoadError> {
        let indkey: Vec<i16> = row.col::<Option<Vec<i16>>>("indkey")?.unwrap_or_default();
        let nkey = row.col::<Option<i16>>("indnkeyatts")?.unwrap_or(0).max(0) as usize;
        names(relid, indkey.get(nkey..).unwrap_or_default())
    };
    Ok(Some(match row.col::<&str>("contype")? {
        "p" => ConstraintKind::PrimaryKey {
            columns: names(relid, &conkey)?,
            include: include()?,
        },
        "u" => ConstraintKind::Unique {
            columns: names(relid, &conkey)?,
            include: include()?,
            nulls_not_distinct: row
                .col::<Option<bool>>("nulls_not_distinct")?
                .unwrap_or(false),
        },
        "f" => ConstraintKind::ForeignKey {
            columns: names(relid, &conkey)?,
            ref_table: QualifiedName::new(
                row.col::<String>("ref_schema")?,
                row.col::<String>("ref_table")?,
            ),
            // A table read here has its column names already; one that is not (an
            // extension's, such as PostGIS's spatial_ref_sys) has them in the row.
            ref_columns: match row.col::<Option<Vec<String>>>("outside_ref_columns")? {
                Some(columns) => columns,
                None => names(row.col("confrelid")?, &row.col::<Vec<i16>>("confkey")?)?,
            },
            on_update: crate::load::fk_action(row.col("confupdtype")?),
            on_delete: crate::load::fk_action(row.col("confdeltype")?),
            on_delete_columns: match row.col::<Option<Vec<i16>>>("confdelsetcols")? {
                Some(numbers) => names(relid, &numbers)?,
                None => Vec::new(),
            },
            match_full: row.col::<&str>("confmatchtype")? == "f",
        },
        "c" => ConstraintKind::Check {
            expr: cx.text.expr(row.col("check_expr")?)?,
            no_inherit: row.col("connoinherit")?,
        },
        _ => return Ok(None),
    }))
}
