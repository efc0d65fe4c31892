//! Partitioning: canonical text for partition keys and partition bounds.
//!
//! Both come from the parse tree, whether it is a file's `CREATE TABLE` or the catalog's
//! `pg_get_partkeydef`/`pg_get_expr(relpartbound)` put back into one. Literal bounds are
//! compared as written, with casts dropped; date and timestamp literals compare in the
//! canonical form of `normalize::datetime_literal` (`'2024-01-01'` equals the catalog's
//! `'2024-01-01 00:00:00'`, and `'2024-01-01 00:00:00+00'` when the session is in UTC).

//!
//! A key expression's outermost cast is kept (`(ts::date)` keys by the date, not by
//! `ts`): PostgreSQL stores it as written, unless it casts a column to the column's own
//! type, which the parser drops (`(b::text)` on a text column is the column `b`).

use crate::normalize::{
    canonical_rewrite, canonical_type, datetime_literal, deparse_expr, drop_catalog_qualifier,
    strings,
};
use crate::quote::quote_ident;
use migrator_core::render::quote_literal;
use pg_query::protobuf::{self as pb, a_const, node::Node as N, Node};

/// `RANGE (a, lower(b))`. `column_type` gives the canonical type of a column of the table
/// (none for the catalog's text, which never holds a cast the parser drops).
pub fn key(
    spec: &pb::PartitionSpec,
    column_type: &dyn Fn(&str) -> Option<String>,
) -> Result<String, String> {
    let strategy = match pb::PartitionStrategy::try_from(spec.strategy) {
        Ok(pb::PartitionStrategy::List) => "LIST",
        Ok(pb::PartitionStrategy::Range) => "RANGE",
        Ok(pb::PartitionStrategy::Hash) => "HASH",
        _ => return Err("unknown partitioning strategy".into()),
    };
    let mut parts = Vec::new();
    for p in &spec.part_params {
        let Some(N::PartitionElem(e)) = &p.node else {
            continue;
        };
        let mut s = match &e.expr {
            Some(x) => key_expression(x.as_ref().clone(), column_type)?,
            None => quote_ident(&e.name),
        };
        if !e.collation.is_empty() {
            s.push_str(&format!(" COLLATE {}", quoted_name(&e.collation)));
        }
        if !e.opclass.is_empty() {
            s.push_str(&format!(" {}", quoted_name(&e.opclass)));
        }
        parts.push(s);
    }
    Ok(format!("{strategy} ({})", parts.join(", ")))
}

/// One key expression, canonical: `((b))`, or `((b::text))` on a text column, is the
/// column `b`, as PostgreSQL keys it; the outermost cast of any other expression stays.
fn key_expression(
    mut x: Node,
    column_type: &dyn Fn(&str) -> Option<String>,
) -> Result<String, String> {
    if let Some(N::TypeCast(c)) = x.node.as_mut() {
        if let (Some(arg), Some(t)) = (c.arg.as_deref_mut(), c.type_name.as_mut()) {
            drop_catalog_qualifier(&mut t.names);
            canonical_rewrite(arg);
            if let Some(column) = lone_column(arg) {
                let target = canonical_type(t, "public")?.text;
                if column_type(column).is_some_and(|own| own == target) {
                    return Ok(quote_ident(column));
                }
            }
            return Ok(format!("({})", deparse_expr(&x)?));
        }
    }
    canonical_rewrite(&mut x);
    Ok(match lone_column(&x) {
        Some(column) => quote_ident(column),
        None => format!("({})", deparse_expr(&x)?),
    })
}

/// The column a key expression is when it is one unqualified column reference.
fn lone_column(x: &Node) -> Option<&str> {
    match &x.node {
        Some(N::ColumnRef(c)) if c.fields.len() == 1 => match &c.fields[0].node {
            Some(N::String(s)) => Some(s.sval.as_str()),
            _ => None,
        },
        _ => None,
    }
}

/// A collation's or an operator class's name, each part quoted as needed (`"C"`, written
/// back into DDL), without the `pg_catalog.` that `pg_get_partkeydef` leaves out.
fn quoted_name(parts: &[Node]) -> String {
    let parts = strings(parts);
    let parts = match parts.split_first() {
        Some((first, rest)) if first == "pg_catalog" && !rest.is_empty() => rest,
        _ => &parts[..],
    };
    parts
        .iter()
        .map(|p| quote_ident(p))
        .collect::<Vec<_>>()
        .join(".")
}

/// `FOR VALUES FROM (1) TO (10)`, `FOR VALUES IN ('a')`, `FOR VALUES WITH (MODULUS 4,
/// REMAINDER 0)` or `DEFAULT`.
pub fn bound(b: &pb::PartitionBoundSpec) -> Result<String, String> {
    if b.is_default {
        return Ok("DEFAULT".into());
    }
    let list = |nodes: &[Node]| -> Result<String, String> {
        nodes
            .iter()
            .map(datum)
            .collect::<Result<Vec<_>, _>>()
            .map(|v| v.join(", "))
    };
    Ok(match b.strategy.as_str() {
        "l" => format!("FOR VALUES IN ({})", list(&b.listdatums)?),
        "r" => format!(
            "FOR VALUES FROM ({}) TO ({})",
            list(&b.lowerdatums)?,
            list(&b.upperdatums)?
        ),
        "h" => format!(
            "FOR VALUES WITH (MODULUS {}, REMAINDER {})",
            b.modulus, b.remainder
        ),
        other => return Err(format!("unknown partition bound strategy {other}")),
    })
}

/// One bound value: a literal without its cast, `MINVALUE`/`MAXVALUE`, or an expression.
fn datum(n: &Node) -> Result<String, String> {
    match &n.node {
        Some(N::TypeCast(c)) => match c.arg.as_deref() {
            Some(a) => datum(a),
            None => Err("an empty cast in a partition bound".into()),
        },
        Some(N::AConst(c)) => Ok(match &c.val {
            // The catalog quotes numbers (`'1000000'` for a bigint key): compare them bare.
            Some(a_const::Val::Sval(s))
                if s.sval.parse::<f64>().is_ok()
                    && !s.sval.contains(['e', 'E', 'n', 'N', 'i', 'I']) =>
            {
                s.sval.clone()
            }
            // The catalog prints a timestamp bound in full (`'2020-01-01 00:00:00'`).
            Some(a_const::Val::Sval(s)) => {
                quote_literal(&datetime_literal(&s.sval).unwrap_or_else(|| s.sval.clone()))
            }
            Some(a_const::Val::Ival(i)) => i.ival.to_string(),
            Some(a_const::Val::Fval(f)) => f.fval.clone(),
            Some(a_const::Val::Boolval(b)) => b.boolval.to_string(),
            _ => "NULL".into(),
        }),
        Some(N::ColumnRef(c)) => Ok(strings(&c.fields).join(".").to_uppercase()),
        Some(N::PartitionRangeDatum(d)) => match pb::PartitionRangeDatumKind::try_from(d.kind) {
            Ok(pb::PartitionRangeDatumKind::PartitionRangeDatumMinvalue) => Ok("MINVALUE".into()),
            Ok(pb::PartitionRangeDatumKind::PartitionRangeDatumMaxvalue) => Ok("MAXVALUE".into()),
            _ => d
                .value
                .as_deref()
                .map(datum)
                .unwrap_or_else(|| Ok("NULL".into())),
        },
        _ => {
            let mut x = n.clone();
            canonical_rewrite(&mut x);
            deparse_expr(&x)
        }
    }
}

/// The canonical key of `pg_get_partkeydef` text (`RANGE (created_at)`).
pub fn key_from_text(def: &str) -> Result<String, String> {
    match create_table(&format!("CREATE TABLE x (a int) PARTITION BY {def}"))?.partspec {
        Some(spec) => key(&spec, &|_| None),
        None => Err(format!("not a partition key: {def}")),
    }
}

/// The canonical bound of `pg_get_expr(relpartbound)` text (`FOR VALUES IN (1)`).
pub fn bound_from_text(def: &str) -> Result<String, String> {
    match create_table(&format!("CREATE TABLE x PARTITION OF y {def}"))?.partbound {
        Some(b) => bound(&b),
        None => Err(format!("not a partition bound: {def}")),
    }
}

fn create_table(sql: &str) -> Result<pb::CreateStmt, String> {
    let parsed = pg_query::parse(sql, 0).map_err(|e| e.to_string())?;
    match parsed
        .protobuf
        .stmts
        .into_iter()
        .next()
        .and_then(|s| s.stmt)
        .and_then(|s| s.node)
    {
        Some(N::CreateStmt(c)) => Ok(c),
        _ => Err(format!("cannot read {sql}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parenthesised_lone_column_is_the_column() {
        assert_eq!(key_from_text("LIST ((b))").unwrap(), "LIST (b)");
        assert_eq!(key_from_text("LIST (b)").unwrap(), "LIST (b)");
        assert_eq!(
            key_from_text("RANGE ((lower(b)))").unwrap(),
            "RANGE ((lower(b)))"
        );
    }

    fn file_key(sql: &str, columns: &[(&str, &str)]) -> String {
        let spec = create_table(&format!("CREATE TABLE x (a int) PARTITION BY {sql}"))
            .unwrap()
            .partspec
            .unwrap();
        let column_type = |name: &str| {
            columns
                .iter()
                .find(|(c, _)| *c == name)
                .map(|(_, t)| t.to_string())
        };
        key(&spec, &column_type).unwrap()
    }

    #[test]
    fn an_outer_cast_stays_unless_the_column_has_its_type() {
        let columns = [("ts", "timestamp without time zone"), ("b", "text")];
        let from_file = file_key("RANGE ((ts::date))", &columns);
        assert_eq!(from_file, "RANGE ((ts::date))");
        assert_eq!(key_from_text("RANGE (((ts)::date))").unwrap(), from_file);
        assert_eq!(file_key("LIST ((b::text))", &columns), "LIST (b)");
        assert_eq!(
            file_key("LIST ((b::pg_catalog.varchar))", &columns),
            key_from_text("LIST (((b)::character varying))").unwrap()
        );
        assert_eq!(
            file_key("RANGE (((a + 1)::bigint))", &columns),
            key_from_text("RANGE (((a + 1)::bigint))").unwrap()
        );
    }

    #[test]
    fn timestamp_bounds_compare_with_dates() {
        assert_eq!(
            bound_from_text(
                "FOR VALUES FROM ('2020-01-01 00:00:00+00') TO ('2021-01-01 12:30:00')"
            )
            .unwrap(),
            "FOR VALUES FROM ('2020-01-01') TO ('2021-01-01 12:30:00')"
        );
        assert_eq!(
            bound_from_text("FOR VALUES IN ('a', '2020-01-01T00:00')").unwrap(),
            "FOR VALUES IN ('a', '2020-01-01')"
        );
    }

    #[test]
    fn collations_and_operator_classes_are_quoted_for_ddl() {
        assert_eq!(
            key_from_text(r#"LIST ((lower(b)) COLLATE "C")"#).unwrap(),
            r#"LIST ((lower(b)) COLLATE "C")"#
        );
        assert_eq!(
            key_from_text(r#"LIST (b COLLATE pg_catalog."C" text_pattern_ops)"#).unwrap(),
            r#"LIST (b COLLATE "C" text_pattern_ops)"#
        );
    }
}
