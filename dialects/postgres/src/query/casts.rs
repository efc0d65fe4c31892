//! The casts that decide a view's output column types.
//!
//! Expression keys leave casts of columns out ([`crate::normalize`]): the catalog adds and
//! drops them by itself around operators and function arguments. A cast at the top of a
//! view's output column is another matter: `SELECT a::bigint AS a` gives the view a
//! `bigint` column where `a::integer` gives an `integer` one, and the catalog prints it as
//! written. It is kept in the key when the cast column's type is known and the cast
//! changes it; a cast to the column's own type (which the parser drops, as it drops a
//! type modifier cast away: `varchar(10)` to `varchar`) and a cast of a column of unknown
//! type go as before. The type it decides is reported too: `CREATE OR REPLACE VIEW`
//! cannot change a column's type, so a view whose decided types change is recreated.

use super::{canonical_expr, Cte, ScopeEntry, Walk};
use crate::normalize::{canonical_type, strings};
use pg_query::protobuf::{self as pb, node::Node as N, Node};

/// When `v` is a cast of a column that changes its type: `v` canonicalised with the cast
/// kept (its type spelt canonically), and the type. `None` leaves `v` as it was.
pub(super) fn output_cast(
    v: &mut Node,
    scope: &[ScopeEntry],
    w: &mut Walk,
    ctes: &[Cte],
) -> Result<Option<String>, String> {
    let Some(N::TypeCast(c)) = v.node.as_ref() else {
        return Ok(None);
    };
    let (Some(arg), Some(type_name)) = (c.arg.as_deref(), c.type_name.as_ref()) else {
        return Ok(None);
    };
    if !matches!(arg.node, Some(N::ColumnRef(_))) {
        return Ok(None);
    }
    let Ok(cast) = canonical_type(type_name, "public") else {
        return Ok(None);
    };
    let mut arg = arg.clone();
    canonical_expr(&mut arg, scope, w, ctes)?;
    let Some(N::ColumnRef(col)) = arg.node.as_ref() else {
        return Ok(None);
    };
    let [refname, column] = strings(&col.fields).try_into().unwrap_or_default();
    let in_scope = scope.iter().any(|e| !e.named_only && e.refname == refname);
    let relation = w
        .relation_of
        .iter()
        .rev()
        .find(|(r, _)| in_scope && *r == refname)
        .map(|(_, q)| q);
    let Some(own) = relation.and_then(|q| w.rel.column_type(q, &column)) else {
        return Ok(None);
    };
    if !changes_type(&own, &cast.text) {
        return Ok(None);
    }
    let type_name = pb::TypeName {
        names: vec![Node {
            node: Some(N::String(pb::String {
                sval: cast.text.clone(),
            })),
        }],
        typemod: -1,
        ..Default::default()
    };
    *v = Node {
        node: Some(N::TypeCast(Box::new(pb::TypeCast {
            arg: Some(Box::new(arg)),
            type_name: Some(type_name),
            location: 0,
        }))),
    };
    Ok(Some(cast.text))
}

/// Whether a cast to `cast` changes a value of type `own` (both canonical): not when they
/// are the same type, nor when `cast` is `own` without its type modifier.
fn changes_type(own: &str, cast: &str) -> bool {
    if own == cast {
        return false;
    }
    let unmodified: String = {
        let mut depth = 0;
        own.chars()
            .filter(|ch| {
                match ch {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        return false;
                    }
                    _ => {}
                }
                depth == 0
            })
            .collect()
    };
    cast != unmodified || cast.contains('(')
}

#[cfg(test)]
mod tests {
    use super::changes_type;
    use crate::query::{canonical_query, Relations};
    use migrator_core::schema::QualifiedName;

    /// `t (a numeric, b integer, v character varying(10))`.
    struct T;
    impl Relations for T {
        fn resolve(&self, schema: &str, name: &str) -> QualifiedName {
            QualifiedName::new(if schema.is_empty() { "public" } else { schema }, name)
        }
        fn columns(&self, name: &QualifiedName) -> Option<Vec<String>> {
            (name.name == "t").then(|| vec!["a".into(), "b".into(), "v".into()])
        }
        fn column_type(&self, _: &QualifiedName, column: &str) -> Option<String> {
            Some(
                match column {
                    "a" => "numeric",
                    "b" => "integer",
                    _ => "character varying(10)",
                }
                .into(),
            )
        }
    }

    fn view(sql: &str) -> (String, Vec<(String, String)>) {
        let parsed = pg_query::parse(sql, 0).unwrap();
        let node = parsed.protobuf.stmts[0].stmt.clone().unwrap();
        let q = canonical_query(&node, &T).unwrap();
        (q.key, q.casts.into_iter().collect())
    }

    #[test]
    fn a_cast_deciding_an_output_type_counts() {
        let (int, casts) = view("SELECT a::int AS a, b FROM t");
        assert_eq!(casts, [("a".to_string(), "integer".to_string())]);
        assert_ne!(int, view("SELECT a::bigint AS a, b FROM t").0);
        // The catalog's spelling of the same cast.
        assert_eq!(int, view("SELECT (t.a)::integer AS a, t.b FROM public.t").0);
    }

    #[test]
    fn casts_the_catalog_drops_or_adds_still_compare_equal() {
        // A cast to the column's own type, or to it without its modifier, is dropped.
        assert_eq!(
            view("SELECT b::int4, v::varchar FROM t"),
            view("SELECT b, v FROM t")
        );
        // Casts inside an expression, or not at the top, are left out as before.
        assert_eq!(
            view("SELECT a::int + 1 AS x FROM t").0,
            view("SELECT a::bigint + 1 AS x FROM t").0
        );
        assert!(view("SELECT (SELECT a::int FROM t) AS x").1.is_empty());
    }

    #[test]
    fn a_modifier_alone_is_no_change() {
        assert!(!changes_type("character varying(10)", "character varying"));
        assert!(changes_type(
            "character varying(10)",
            "character varying(20)"
        ));
        assert!(changes_type("character varying", "text"));
        assert!(!changes_type("integer", "integer"));
    }
}
