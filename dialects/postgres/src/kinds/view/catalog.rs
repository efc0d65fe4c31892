//! Reading this kind from the live catalog: views and materialized views as their
//! `pg_get_viewdef` text (a plain view with its `reloptions`, its comments and its
//! columns'), put through the SQL interpreter as `CREATE … VIEW` statements in
//! OID order, which is an order their dependencies allow.

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope, PG_CLASS};
use migrator_core::dialect::LoadError;
use std::fmt::Write as _;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 16);

fn query(s: &Scope) -> String {
    format!(
        "SELECT n.nspname, c.relname, c.relkind = 'm' AS materialized, \
                pg_get_viewdef(c.oid) AS definition, c.relispopulated, c.oid, c.relnatts, \
                CASE c.relkind WHEN 'v' THEN c.reloptions END AS options \
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
        let options: Option<Vec<String>> = row.col("options")?;
        let _ = writeln!(
            view_ddl,
            "CREATE {} {}{} AS {}{};",
            if materialized {
                "MATERIALIZED VIEW"
            } else {
                "VIEW"
            },
            crate::ddl::qname(&name),
            with_options(options.as_deref().unwrap_or_default()),
            def.trim().trim_end_matches(';'),
            if materialized && !populated {
                " WITH NO DATA"
            } else {
                ""
            }
        );
        let oid: u32 = row.col("oid")?;
        let comment = cx.comments.take(PG_CLASS, oid, 0);
        // A view's columns are numbered from 1 in order (they only grow at the end).
        let natts: i16 = row.col("relnatts")?;
        let columns: Vec<(usize, String)> = (1..=i32::from(natts))
            .filter_map(|n| Some((n as usize - 1, cx.comments.take(PG_CLASS, oid, n)?)))
            .collect();
        if comment.is_some() || !columns.is_empty() {
            cx.after_interpreter(move |s| {
                if let Some(v) = s.views.get_mut(&name) {
                    v.comment = comment;
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

/// A plain view's `reloptions` (`check_option=local`) as the `WITH (…)` clause that sets
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
