//! A serial column's default as the catalog prints it, `nextval('s.n'::regclass)`, read
//! without the parser: at 2,000 tables these are 2,000 distinct texts, and parsing,
//! rewriting and deparsing each was most of `inspect`'s client time.
//!
//! Only names that need no quotes take this path (lower-case ASCII letters, digits and
//! `_`, as `quote_ident` leaves them); the [`Expr`] is the one
//! [`super::expr_from_sql`] builds for the same text (the tests compare the two).

use migrator_core::schema::{Expr, QualifiedName};

/// The [`Expr`] of `text` when it is `nextval('schema.name'::regclass)` with plain names.
pub(super) fn nextval_expr(text: &str) -> Option<Expr> {
    let inner = text
        .strip_prefix("nextval('")?
        .strip_suffix("'::regclass)")?;
    let (schema, name) = inner.split_once('.')?;
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    // `pg_catalog.` names no object of the schema: the parser leaves it out of `refs`.
    if !plain(schema) || !plain(name) || schema == "pg_catalog" {
        return None;
    }
    // The canonical form drops the cast on the literal and a `public.` qualifier.
    let key_name = if schema == "public" { name } else { inner };
    Some(Expr {
        sql: text.to_string(),
        key: format!("nextval('{key_name}')"),
        refs: vec![QualifiedName::new(schema, name)],
        columns: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nextval_without_the_parser_is_what_the_parser_gives() {
        for text in [
            "nextval('public.t_id_seq'::regclass)",
            "nextval('app.t00001_id_seq'::regclass)",
            "nextval('public.publicx'::regclass)",
            "nextval('public2.s'::regclass)",
            "nextval('s_public.public'::regclass)",
            "nextval('x.public'::regclass)",
            "nextval('_a.b1'::regclass)",
        ] {
            let fast = nextval_expr(text).expect(text);
            let slow = super::super::expr_from_sql_parsed(text, "public").unwrap();
            assert_eq!(
                (&fast.sql, &fast.key, &fast.refs, &fast.columns),
                (&slow.sql, &slow.key, &slow.refs, &slow.columns),
                "{text}"
            );
        }
    }

    #[test]
    fn names_that_need_quotes_or_other_shapes_take_the_parser() {
        for text in [
            "nextval('public.\"T_id_seq\"'::regclass)",
            "nextval('\"my schema\".s'::regclass)",
            "nextval('public.\"select\"'::regclass)",
            "nextval('s'::regclass)",
            "nextval('a.b.c'::regclass)",
            "nextval('public.s'::regclass) + 1",
            "nextval('public.S'::regclass)",
            "nextval('public.'::regclass)",
            "nextval('public.s')",
            "nextval('pg_catalog.s'::regclass)",
        ] {
            assert!(nextval_expr(text).is_none(), "{text}");
        }
    }
}
