//! Renames in the files: `ALTER TABLE … RENAME TO` and `ALTER TABLE … RENAME COLUMN` of a
//! hypertable. PostgreSQL's interpreter renames the table
//! or column; TimescaleDB's objects of the table follow, as they do on the server (its
//! catalog keeps the hypertable, its dimensions, compression settings and jobs by the
//! table's OID and the column's new name). A continuous aggregate reading the table is
//! kept by its query's text here, which would need rewriting too: that rename is an error.

use super::R;
use crate::objects::*;
use migrator_core::schema::{QualifiedName, Schema};
use migrator_postgres::extension::StatementContext;
use migrator_postgres::quote::quote_ident;
use pg_query::protobuf::{node::Node as N, ObjectType as Ot};

/// The kinds of object that belong to one table, keyed `<kind>.<schema>.<table>`, with a
/// `table` in their payload.
const TABLE_KINDS: &[&str] = &[
    HYPERTABLE,
    COMPRESSION,
    COMPRESSION_POLICY,
    RETENTION_POLICY,
    REORDER_POLICY,
];

/// A rename of a hypertable or of one of its columns; `None` for any other statement.
pub(super) fn rename(node: &N, cx: &mut StatementContext<'_>) -> Option<R<()>> {
    let (rv, column) = match node {
        N::RenameStmt(s)
            if Ot::try_from(s.rename_type) == Ok(Ot::ObjectTable)
                || Ot::try_from(s.rename_type) == Ok(Ot::ObjectColumn)
                    && Ot::try_from(s.relation_type) == Ok(Ot::ObjectTable) =>
        {
            (s.relation.as_ref()?, !s.subname.is_empty())
        }
        _ => return None,
    };
    let table = cx.relation_name(rv);
    let hk = table_key(HYPERTABLE, &table);
    if !cx.schema().dialect_objects.contains_key(&object_id(&hk)) {
        return None;
    }
    Some((|| {
        if let Some(cagg) = cagg_reading(cx.schema(), &hk) {
            return Err(format!(
                "renaming {table}{}: the continuous aggregate {cagg} reads it, and its query is not rewritten yet; drop the aggregate, rename, and create it again",
                if column { "'s column" } else { "" }
            ));
        }
        cx.apply_postgres(node)?;
        let schema = cx.schema_mut();
        match node {
            N::RenameStmt(s) if column => rename_column(schema, &table, &s.subname, &s.newname),
            N::RenameStmt(s) => {
                let to = QualifiedName::new(table.schema.clone(), s.newname.clone());
                move_table(schema, &table, &to)
            }
            _ => Ok(()),
        }
    })())
}

/// The first continuous aggregate built directly on the hypertable `hk`.
fn cagg_reading(schema: &Schema, hk: &QualifiedName) -> Option<String> {
    schema
        .dialect_objects
        .values()
        .find(|o| o.kind() == CONTINUOUS_AGGREGATE && o.after.contains(hk))
        .and_then(|o| payload::<ContinuousAggregate>(o).ok())
        .map(|c| c.view.to_string())
}

/// The table's objects, keyed and pointing at `to` instead of `from`.
fn move_table(schema: &mut Schema, from: &QualifiedName, to: &QualifiedName) -> R<()> {
    let name = |q: &QualifiedName| if q == from { to.clone() } else { q.clone() };
    for kind in TABLE_KINDS {
        let Some(mut o) = schema
            .dialect_objects
            .remove(&object_id(&table_key(kind, from)))
        else {
            continue;
        };
        o.name = table_key(kind, to);
        o.depends_on = o.depends_on.iter().map(name).collect();
        for c in &mut o.columns {
            c.table = name(&c.table);
        }
        for a in &mut o.after {
            if TABLE_KINDS.contains(&a.schema.as_str()) && a.name == from.to_string() {
                *a = table_key(&a.schema.clone(), to);
            }
        }
        o.payload["table"] = serde_json::to_value(to).map_err(|e| e.to_string())?;
        schema.dialect_objects.insert(o.id(), o);
    }
    Ok(())
}

/// The column `old` of the hypertable `table` is now `new`: in its dimensions and in its
/// compression settings.
fn rename_column(schema: &mut Schema, table: &QualifiedName, old: &str, new: &str) -> R<()> {
    let hk = table_key(HYPERTABLE, table);
    let mut h: Hypertable = payload(&schema.dialect_objects[&object_id(&hk)])?;
    let swap = |c: &mut String| {
        if c == old {
            *c = new.to_string();
        }
    };
    swap(&mut h.time_column);
    for d in &mut h.dimensions {
        match d {
            Dimension::Hash { column, .. } | Dimension::Range { column, .. } => swap(column),
        }
    }
    set_payload(schema, &hk, &h)?;
    let ck = table_key(COMPRESSION, table);
    let Some(o) = schema.dialect_objects.get(&object_id(&ck)) else {
        return Ok(());
    };
    let mut c: Compression = payload(o)?;
    c.segmentby.iter_mut().for_each(swap);
    c.orderby = c
        .orderby
        .iter()
        .map(|e| renamed_sort_key(e, old, new))
        .collect();
    c.insert(schema);
    Ok(())
}

/// An `orderby` entry (`"time" DESC`, as [`super::orderby_list`] writes it) with the column
/// `old` renamed `new`.
pub(crate) fn renamed_sort_key(entry: &str, old: &str, new: &str) -> String {
    let q = quote_ident(old);
    match entry.strip_prefix(q.as_str()) {
        Some(rest) if rest.is_empty() || rest.starts_with(' ') => {
            format!("{}{rest}", quote_ident(new))
        }
        _ => entry.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::renamed_sort_key;

    #[test]
    fn an_orderby_entry_follows_its_column_only() {
        assert_eq!(renamed_sort_key("\"time\" DESC", "time", "ts"), "ts DESC");
        assert_eq!(renamed_sort_key("ts", "ts", "Time"), "\"Time\"");
        assert_eq!(renamed_sort_key("ts_2 DESC", "ts", "x"), "ts_2 DESC");
    }
}
