//! The identity and canonical definition of a trigger: deparsed after its names are
//! resolved and its `WHEN` condition is canonicalised.

use crate::normalize::{canonical_rewrite, qualified_name_nodes, qualify, strings};
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::{Expr, QualifiedName, Trigger};
use pg_query::protobuf::{self as pb, node::Node as N};

/// PostgreSQL's own trigger functions (`pg_proc` rows of `pg_catalog` returning `trigger`,
/// PostgreSQL 15). `pg_catalog` is searched before any schema of the path, so an unqualified
/// call of one of these names always means the built-in.
const BUILTIN_TRIGGER_FUNCTIONS: &[&str] = &[
    "RI_FKey_cascade_del",
    "RI_FKey_cascade_upd",
    "RI_FKey_check_ins",
    "RI_FKey_check_upd",
    "RI_FKey_noaction_del",
    "RI_FKey_noaction_upd",
    "RI_FKey_restrict_del",
    "RI_FKey_restrict_upd",
    "RI_FKey_setdefault_del",
    "RI_FKey_setdefault_upd",
    "RI_FKey_setnull_del",
    "RI_FKey_setnull_upd",
    "suppress_redundant_updates_trigger",
    "tsvector_update_trigger",
    "tsvector_update_trigger_column",
    "unique_key_recheck",
];

/// The function a trigger executes: a built-in when an unqualified name is one, else an
/// unqualified name as `resolve` finds it along the search path.
fn trigger_function(
    names: &[String],
    resolve: &dyn Fn(&str) -> QualifiedName,
) -> Option<QualifiedName> {
    match names {
        [name] if BUILTIN_TRIGGER_FUNCTIONS.contains(&name.as_str()) => {
            Some(QualifiedName::new("pg_catalog", name.clone()))
        }
        [name] => Some(resolve(name)),
        _ => qualify(names, ""),
    }
}

/// Builds a [`Trigger`] from `CREATE [CONSTRAINT] TRIGGER`; `table` is its resolved table,
/// and `resolve` finds the function an unqualified name means.
pub fn trigger(
    s: &pb::CreateTrigStmt,
    table: QualifiedName,
    resolve: &dyn Fn(&str) -> QualifiedName,
    emit: Option<String>,
) -> Result<Trigger, String> {
    let function = trigger_function(&strings(&s.funcname), resolve)
        .ok_or_else(|| "cannot read the trigger function's name".to_string())?;
    let sql = match emit {
        Some(t) => t,
        None => {
            let mut qualified = s.clone();
            if let Some(rv) = qualified.relation.as_mut() {
                rv.schemaname = table.schema.clone();
            }
            qualified.funcname = qualified_name_nodes(&function);
            N::CreateTrigStmt(Box::new(qualified))
                .deparse(Default::default())
                .map_err(|e| e.to_string())?
        }
    };
    let mut canon = s.clone();
    canon.replace = false;
    if let Some(rv) = canon.relation.as_mut() {
        rv.schemaname = table.schema.clone();
        rv.relname = table.name.clone();
        rv.location = 0;
    }
    canon.funcname = qualified_name_nodes(&function);
    // The columns of `UPDATE OF` and of the `WHEN` condition (`NEW.col`).
    let mut columns = strings(&s.columns);
    if let Some(w) = canon.when_clause.as_mut() {
        canonical_rewrite(w);
        columns.extend(crate::column_refs::column_refs(w));
    }
    columns.sort();
    columns.dedup();
    let key = N::CreateTrigStmt(Box::new(canon))
        .deparse(Default::default())
        .map_err(|e| e.to_string())?;
    Ok(Trigger {
        id: ObjectId::member(ObjectKind::Trigger, &table, s.trigname.clone()),
        table,
        name: s.trigname.clone(),
        definition: Expr {
            sql,
            key,
            refs: vec![function.clone()],
            columns,
        },
        function,
        comment: None,
        state: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::trigger_function;
    use migrator_core::schema::QualifiedName;

    fn names(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn unqualified_builtin_trigger_functions_are_pg_catalogs() {
        for (written, path_finds, expected) in [
            (
                &["suppress_redundant_updates_trigger"][..],
                "public",
                "pg_catalog",
            ),
            (&["tsvector_update_trigger"][..], "app", "pg_catalog"),
            (&["touch"][..], "app", "app"),
            (&["touch"][..], "pg_catalog", "pg_catalog"),
            (&["public", "tsvector_update_trigger"][..], "app", "public"),
        ] {
            let resolve = |n: &str| QualifiedName::new(path_finds, n);
            let got = trigger_function(&names(written), &resolve).unwrap();
            assert_eq!(got, QualifiedName::new(expected, *written.last().unwrap()));
        }
    }
}
