//! Reading this kind from the live catalog: views and materialized views as their
//! `pg_get_viewdef` text (with their `reloptions`: a plain view's options, a materialized
//! view's storage parameters, its TOAST table's as `toast.` ones; their comments and
//! their columns'; a plain view's column defaults, as `ALTER VIEW … SET DEFAULT`; a
//! materialized view's column statistics targets and attribute options, as `ALTER
//! MATERIALIZED VIEW … ALTER COLUMN …`, and its clustering index), put through the SQL interpreter as `CREATE … VIEW` statements in
//! OID order, which is an order their dependencies allow.

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope, PG_CLASS};
use migrator_core::dialect::LoadError;
use migrator_core::schema::QualifiedName;
use std::fmt::Write as _;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 16);

fn query(s: &Scope) -> String {
    format!(
        "SELECT n.nspname, c.relname, c.relkind = 'm' AS materialized, \
                pg_get_viewdef(c.oid) AS definition, c.relispopulated, c.oid, c.relnatts, \
                c.reloptions::text[] AS options, \
                (SELECT tc.reloptions::text[] FROM pg_class tc WHERE tc.oid = c.reltoastrelid) \
                    AS toast_options, \
                (SELECT ci.relname FROM pg_index x JOIN pg_class ci ON ci.oid = x.indexrelid \
                 WHERE x.indrelid = c.oid AND x.indisclustered) AS cluster_index, \
                (SELECT json_agg(json_build_array(a.attname, pg_get_expr(d.adbin, d.adrelid)) \
                                 ORDER BY a.attnum) \
                 FROM pg_attrdef d JOIN pg_attribute a \
                   ON a.attrelid = d.adrelid AND a.attnum = d.adnum \
                 WHERE d.adrelid = c.oid) AS defaults, \
                CASE c.relkind WHEN 'm' THEN \
                  (SELECT json_agg(json_build_array(a.attname, a.attstattarget) \
                                   ORDER BY a.attnum) \
                   FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 \
                     AND NOT a.attisdropped AND a.attstattarget >= 0) END AS statistics, \
                CASE c.relkind WHEN 'm' THEN \
                  (SELECT json_agg(json_build_array(a.attname, a.attoptions::text[]) \
                                   ORDER BY a.attnum) \
                   FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 \
                     AND NOT a.attisdropped AND a.attoptions IS NOT NULL) END AS column_options \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind IN ('v', 'm') AND {ns} AND {class_member} ORDER BY c.oid",
        ns = s.ns,
        class_member = s.class_member
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    let mut view_ddl = String::new();
    for row in rows {
        let name = row.qualified("relname")?;
        let materialized: bool = row.col("materialized")?;
        let def: String = row.col("definition")?;
        let populated: bool = row.col("relispopulated")?;
        let mut options: Vec<String> = row
            .col::<Option<Vec<String>>>("options")?
            .unwrap_or_default();
        // A materialized view's TOAST table's parameters are its `toast.` ones.
        for o in row
            .col::<Option<Vec<String>>>("toast_options")?
            .unwrap_or_default()
        {
            options.push(format!("toast.{o}"));
        }
        let _ = writeln!(
            view_ddl,
            "CREATE {} {}{} AS {}{};",
            if materialized {
                "MATERIALIZED VIEW"
            } else {
                "VIEW"
            },
            crate::ddl::qname(&name),
            with_options(&options),
            def.trim().trim_end_matches(';'),
            if materialized && !populated {
                " WITH NO DATA"
            } else {
                ""
            }
        );
        column_settings(&row, &name, &mut view_ddl)?;
        let oid: u32 = row.col("oid")?;
        let comment = cx.comments.take(PG_CLASS, oid, 0);
        // A view's columns are numbered from 1 in order (they only grow at the end).
        let natts: i16 = row.col("relnatts")?;
        let columns: Vec<(usize, String)> = (1..=i32::from(natts))
            .filter_map(|n| Some((n as usize - 1, cx.comments.take(PG_CLASS, oid, n)?)))
            .collect();
        // Its indexes come later: the clustering index is set once they are read.
        let cluster_on: Option<String> = row.col("cluster_index")?;
        if comment.is_some() || !columns.is_empty() || cluster_on.is_some() {
            cx.after_interpreter(move |s| {
                if let Some(v) = s.views.get_mut(&name) {
                    v.comment = comment;
                    v.cluster_on = cluster_on;
                    for (i, text) in columns {
                        if let Some(c) = v.columns.get(i) {
                            v.column_comments.insert(c.clone(), text);
                        }
                    }
                }
            });
        }
    }
    cx.interpret(view_ddl);
    Ok(())
}

/// The `ALTER [MATERIALIZED] VIEW … ALTER COLUMN …` statements that give the view `name`
/// its columns' settings (a plain view's defaults, a materialized view's statistics
/// targets and attribute options), after its `CREATE` in `view_ddl`.
fn column_settings(
    row: &Row,
    name: &QualifiedName,
    view_ddl: &mut String,
) -> Result<(), LoadError> {
    // A plain view's column defaults, as the `ALTER VIEW` that sets them.
    if let Some(defaults) = row.col::<Option<serde_json::Value>>("defaults")? {
        let defaults: Vec<(String, String)> =
            serde_json::from_value(defaults).map_err(|e| LoadError::Other(e.to_string()))?;
        for (column, default) in defaults {
            let _ = writeln!(
                view_ddl,
                "ALTER VIEW {} ALTER COLUMN {} SET DEFAULT {default};",
                crate::ddl::qname(name),
                crate::quote::quote_ident(&column)
            );
        }
    }
    // A materialized view's column statistics targets.
    if let Some(targets) = row.col::<Option<serde_json::Value>>("statistics")? {
        let targets: Vec<(String, i32)> =
            serde_json::from_value(targets).map_err(|e| LoadError::Other(e.to_string()))?;
        for (column, target) in targets {
            let _ = writeln!(
                view_ddl,
                "ALTER MATERIALIZED VIEW {} ALTER COLUMN {} SET STATISTICS {target};",
                crate::ddl::qname(name),
                crate::quote::quote_ident(&column)
            );
        }
    }
    // And its columns' attribute options.
    if let Some(options) = row.col::<Option<serde_json::Value>>("column_options")? {
        let options: Vec<(String, Vec<String>)> =
            serde_json::from_value(options).map_err(|e| LoadError::Other(e.to_string()))?;
        for (column, set) in options {
            let _ = writeln!(
                view_ddl,
                "ALTER MATERIALIZED VIEW {} ALTER COLUMN {}{};",
                crate::ddl::qname(name),
                crate::quote::quote_ident(&column),
                with_options(&set).replacen(" WITH ", " SET ", 1)
            );
        }
    }
    Ok(())
}

/// A view's `reloptions` (`check_option=local`, `fillfactor=70`) as the `WITH (…)` clause that sets
/// them again: values quoted as literals, empty when there are none.
fn with_options(options: &[String]) -> String {
    if options.is_empty() {
        return String::new();
    }
    let each: Vec<String> = options
        .iter()
        .map(|o| {
            let (name, value) = o.split_once('=').unwrap_or((o, "true"));
            format!("{name} = '{}'", value.replace('\'', "''"))
        })
        .collect();
    format!(" WITH ({})", each.join(", "))
}
