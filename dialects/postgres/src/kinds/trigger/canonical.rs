//! The identity and canonical definition of a trigger: deparsed after its names are
//! resolved and its `WHEN` condition is canonicalised.

use crate::normalize::{canonical_rewrite, qualified_name_nodes, qualify, strings};
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::{Expr, QualifiedName, Trigger};
use pg_query::protobuf::{self as pb, node::Node as N};

/// Builds a [`Trigger`] from `CREATE [CONSTRAINT] TRIGGER`; `table` is its resolved table.
pub fn trigger(
    s: &pb::CreateTrigStmt,
    table: QualifiedName,
    default_schema: &str,
    emit: Option<String>,
) -> Result<Trigger, String> {
    let names = strings(&s.funcname);
    let function = qualify(&names, default_schema)
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
