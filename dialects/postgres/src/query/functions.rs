//! Set-returning functions in a view's `FROM` (`generate_series(1, 3) g`,
//! `unnest(t.tags) AS tag`, `jsonb_each(t.data) e`): the catalog prints each with an
//! alias that names its columns (`g(g)`, `tag(tag)`, `e(key, value)`), qualifies the
//! columns read from it (`g.g`), and adds `LATERAL` where the call reads the relations
//! before it. The file rarely says any of that, so both sides are brought to one form:
//! the relation is in scope under its alias with the columns PostgreSQL gives it, the
//! alias's column list and `LATERAL` (implied for a function) are left out of the key.

use super::{canonical_expr, unique_refname, Cte, ScopeEntry, Walk};
use crate::normalize::strings;
use pg_query::protobuf::{self as pb, node::Node as N};

/// The name a function in `FROM` is known by: its alias, else the function's own name.
pub(super) fn written_name(rf: &pb::RangeFunction) -> Option<String> {
    if let Some(a) = &rf.alias {
        return Some(a.aliasname.clone());
    }
    single_call(rf).map(|f| strings(&f.funcname).pop().unwrap_or_default())
}

/// The one call of a `FROM` function item (not `ROWS FROM (f(), g())`).
fn single_call(rf: &pb::RangeFunction) -> Option<&pb::FuncCall> {
    let [item] = rf.functions.as_slice() else {
        return None;
    };
    let Some(N::List(l)) = &item.node else {
        return None;
    };
    match l.items.first().and_then(|n| n.node.as_ref()) {
        Some(N::FuncCall(f)) => Some(f),
        _ => None,
    }
}

/// The columns of a built-in set-returning function that has `OUT` parameters; any other
/// call without a column list is taken to return one column, named after its alias, as a
/// function returning a scalar does.
fn out_columns(function: &str) -> Option<&'static [&'static str]> {
    Some(match function {
        "jsonb_each" | "json_each" | "jsonb_each_text" | "json_each_text" => &["key", "value"],
        "jsonb_array_elements"
        | "json_array_elements"
        | "jsonb_array_elements_text"
        | "json_array_elements_text" => &["value"],
        _ => return None,
    })
}

/// Canonicalises a function item of `FROM` and puts it in scope.
pub(super) fn from_function(
    rf: &mut pb::RangeFunction,
    w: &mut Walk,
    ctes: &[Cte],
    scope: &mut Vec<ScopeEntry>,
    level: usize,
) -> Result<(), String> {
    // The call reads the relations before it, as under `LATERAL`, which a function in
    // `FROM` always is.
    for item in &mut rf.functions {
        if let Some(N::List(l)) = item.node.as_mut() {
            if let Some(call) = l.items.first_mut() {
                canonical_expr(call, scope, w, ctes)?;
            }
        }
    }
    rf.lateral = false;
    let Some(written) = written_name(rf) else {
        return Ok(());
    };
    let refname = unique_refname(&written, scope, level);
    let named: Vec<String> = rf
        .alias
        .as_ref()
        .map(|a| strings(&a.colnames))
        .unwrap_or_default();
    let function = single_call(rf).and_then(|f| strings(&f.funcname).pop());
    let columns: Option<Vec<String>> = match (named.is_empty(), function.as_deref()) {
        (false, _) => Some(named),
        (true, Some(f)) if !has_column_definitions(rf) => {
            let mut c: Vec<String> = out_columns(f)
                .map(|c| c.iter().map(|s| s.to_string()).collect())
                .unwrap_or_else(|| vec![refname.clone()]);
            if rf.ordinality {
                c.push("ordinality".into());
            }
            Some(c)
        }
        _ => None,
    };
    let alias = rf.alias.get_or_insert_with(Default::default);
    alias.aliasname = refname.clone();
    alias.colnames.clear();
    scope.push(ScopeEntry {
        refname,
        written,
        columns,
        level,
        named_only: false,
        merged: Vec::new(),
    });
    Ok(())
}

/// `f(…) AS (a int, b text)`: the call's own column definitions.
fn has_column_definitions(rf: &pb::RangeFunction) -> bool {
    !rf.coldeflist.is_empty()
        || rf.functions.iter().any(|item| {
            matches!(&item.node, Some(N::List(l)) if l.items.get(1).is_some_and(|d| d.node.is_some()))
        })
}

#[cfg(test)]
mod tests {
    use crate::query::{canonical_query, Relations};
    use migrator_core::schema::QualifiedName;

    struct T;
    impl Relations for T {
        fn resolve(&self, schema: &str, name: &str) -> QualifiedName {
            QualifiedName::new(if schema.is_empty() { "public" } else { schema }, name)
        }
        fn columns(&self, name: &QualifiedName) -> Option<Vec<String>> {
            (name.name == "t").then(|| vec!["id".into(), "tags".into(), "data".into()])
        }
    }

    fn key(sql: &str) -> String {
        let parsed = pg_query::parse(sql, 0).unwrap();
        let stmt = parsed.protobuf.stmts[0].stmt.as_ref().unwrap();
        canonical_query(stmt, &T).unwrap().key
    }

    #[test]
    fn functions_in_from_compare_equal_to_the_catalog_s_spelling() {
        let same = [
            (
                "SELECT g FROM generate_series(1, 3) g",
                "SELECT g.g FROM generate_series(1, 3) g(g)",
            ),
            (
                "SELECT * FROM generate_series(1, 3)",
                "SELECT generate_series.generate_series FROM generate_series(1, 3) generate_series(generate_series)",
            ),
            (
                "SELECT t.id, tag FROM t, unnest(t.tags) AS tag",
                "SELECT t.id, tag.tag FROM t, LATERAL unnest(t.tags) tag(tag)",
            ),
            (
                "SELECT t.id, e.key, e.value FROM t CROSS JOIN LATERAL jsonb_each(t.data) e",
                "SELECT t.id, e.key, e.value FROM (t CROSS JOIN LATERAL jsonb_each(t.data) e(key, value))",
            ),
            (
                "SELECT * FROM t, jsonb_each(t.data) e",
                "SELECT t.id, t.tags, t.data, e.key, e.value FROM t, LATERAL jsonb_each(t.data) e(key, value)",
            ),
            (
                "SELECT x, ordinality FROM unnest(ARRAY[1, 2]) WITH ORDINALITY AS x",
                "SELECT x.x, x.ordinality FROM unnest(ARRAY[1, 2]) WITH ORDINALITY x(x, ordinality)",
            ),
        ];
        for (file, catalog) in same {
            assert_eq!(key(file), key(catalog), "{file}");
        }
        assert_ne!(
            key("SELECT g FROM generate_series(1, 3) g"),
            key("SELECT g FROM generate_series(1, 4) g")
        );
    }
}
