//! The expressions the live catalog ties to a user operator, as `pg_depend` tells.
//!
//! A column default (or generation expression), a CHECK of a table or a domain, a domain's
//! default and a row-level security policy that use an operator depend on it, and
//! PostgreSQL refuses to drop the operator while they stand. Their `pg_get_expr` text is
//! normalised without a loader (so without the operators of the files), so the operators
//! they use are read from `pg_depend` instead and added to their `refs`, by schema and
//! symbol, as the files' expressions record them ([`super::uses`]): the diff's cascade
//! then takes them off and puts them back around the operator dropped and created.
//! Exclusion constraints, views and indexes are read as SQL text through the loader, which
//! records the operators they use itself.

use crate::introspect::Catalog;
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::kinds::ConstraintKind;
use migrator_core::schema::{Expr, QualifiedName, Schema};
use serde::Deserialize;

/// The operator catalog query's column `dependents`: a JSON list of [`Dependent`]s of the
/// operator `o`.
pub(crate) const DEPENDENTS: &str = "(SELECT json_agg(json_build_object(\
         'what', u.what, 'schema', u.nsp, 'owner', u.owner, 'member', u.member)) \
     FROM (SELECT 'default' AS what, cn.nspname AS nsp, c.relname AS owner, \
                  a.attname AS member \
             FROM pg_depend d JOIN pg_attrdef ad ON ad.oid = d.objid \
             JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum \
             JOIN pg_class c ON c.oid = ad.adrelid \
             JOIN pg_namespace cn ON cn.oid = c.relnamespace \
             WHERE d.classid = 'pg_attrdef'::regclass \
               AND d.refclassid = 'pg_operator'::regclass AND d.refobjid = o.oid \
           UNION ALL \
           SELECT CASE WHEN k.contypid <> 0 THEN 'domain_check' ELSE 'check' END, \
                  coalesce(cn.nspname, tn.nspname), coalesce(c.relname, ty.typname), \
                  k.conname \
             FROM pg_depend d JOIN pg_constraint k ON k.oid = d.objid \
             LEFT JOIN pg_class c ON c.oid = k.conrelid \
             LEFT JOIN pg_namespace cn ON cn.oid = c.relnamespace \
             LEFT JOIN pg_type ty ON ty.oid = k.contypid \
             LEFT JOIN pg_namespace tn ON tn.oid = ty.typnamespace \
             WHERE d.classid = 'pg_constraint'::regclass AND k.contype = 'c' \
               AND d.refclassid = 'pg_operator'::regclass AND d.refobjid = o.oid \
           UNION ALL \
           SELECT 'policy', cn.nspname, c.relname, p.polname \
             FROM pg_depend d JOIN pg_policy p ON p.oid = d.objid \
             JOIN pg_class c ON c.oid = p.polrelid \
             JOIN pg_namespace cn ON cn.oid = c.relnamespace \
             WHERE d.classid = 'pg_policy'::regclass \
               AND d.refclassid = 'pg_operator'::regclass AND d.refobjid = o.oid \
           UNION ALL \
           SELECT 'domain_default', tn.nspname, ty.typname, NULL \
             FROM pg_depend d JOIN pg_type ty ON ty.oid = d.objid \
             JOIN pg_namespace tn ON tn.oid = ty.typnamespace \
             WHERE d.classid = 'pg_type'::regclass AND ty.typtype = 'd' \
               AND ty.typdefaultbin IS NOT NULL \
               AND d.refclassid = 'pg_operator'::regclass AND d.refobjid = o.oid) u)";

/// One expression using an operator: what it is, on which table or domain (`schema`,
/// `owner`), and its column, constraint or policy (`member`).
#[derive(Deserialize)]
struct Dependent {
    what: String,
    schema: String,
    owner: String,
    member: Option<String>,
}

/// Adds `operator` to the `refs` of each expression `dependents` (the operator row's
/// [`DEPENDENTS`] column) names; one the schema does not hold (out of scope) is left out.
pub(crate) fn record(
    cx: &mut Catalog,
    operator: &QualifiedName,
    dependents: Option<serde_json::Value>,
) -> Result<(), migrator_core::dialect::LoadError> {
    let Some(dependents) = dependents else {
        return Ok(());
    };
    let dependents: Vec<Dependent> = serde_json::from_value(dependents).map_err(|e| {
        migrator_core::dialect::LoadError::Other(format!("catalog column `dependents`: {e}"))
    })?;
    for d in dependents {
        let owner = QualifiedName::new(d.schema, d.owner);
        for e in expressions(&mut cx.schema, &d.what, &owner, d.member.as_deref()) {
            if !e.refs.contains(operator) {
                e.refs.push(operator.clone());
                e.refs.sort();
            }
        }
    }
    Ok(())
}

/// The expressions of the dependent `what` of `owner` (a table or a domain) named `member`.
fn expressions<'s>(
    s: &'s mut Schema,
    what: &str,
    owner: &QualifiedName,
    member: Option<&str>,
) -> Vec<&'s mut Expr> {
    let member = member.unwrap_or_default();
    match what {
        "default" => s
            .tables
            .get_mut(owner)
            .and_then(|t| t.columns_mut().iter_mut().find(|c| c.name == member))
            .map(|c| {
                let generated = c.generated.as_deref_mut();
                c.default.iter_mut().chain(generated).collect()
            })
            .unwrap_or_default(),
        "check" => s
            .tables
            .get_mut(owner)
            .and_then(|t| t.constraints_mut().get_mut(member))
            .and_then(|k| match &mut k.kind {
                ConstraintKind::Check { expr, .. } => Some(vec![expr]),
                _ => None,
            })
            .unwrap_or_default(),
        "policy" => s
            .policies
            .get_mut(&ObjectId::member(ObjectKind::Policy, owner, member))
            .map(|p| p.using.iter_mut().chain(p.with_check.iter_mut()).collect())
            .unwrap_or_default(),
        "domain_check" => s
            .domains
            .get_mut(owner)
            .and_then(|d| d.checks.get_mut(member))
            .map(|e| vec![e])
            .unwrap_or_default(),
        "domain_default" => s
            .domains
            .get_mut(owner)
            .and_then(|d| d.default.as_mut())
            .map(|e| vec![e])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}
