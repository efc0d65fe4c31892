//! Domains: their IR and the `create_domain`/`drop_domain`/`alter_domain` changes.

use crate::change::{create_drop, no_hazards, Change, Deps};
use crate::diff::{diff_objects, Kept};
use crate::kinds::comment::Commented;
use crate::schema::{Expr, QualifiedName, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A domain: a base type with a default, NOT NULL and named CHECK constraints.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub name: QualifiedName,
    /// Canonical base type.
    pub data_type: String,
    pub type_ref: Option<QualifiedName>,
    pub collation: Option<String>,
    pub default: Option<Expr>,
    #[serde(default)]
    pub not_null: bool,
    /// CHECK constraints by name.
    #[serde(default)]
    pub checks: BTreeMap<String, Expr>,
    pub comment: Option<String>,
}

fn created(d: &Domain) -> Deps {
    let exprs = d.default.iter().chain(d.checks.values());
    let uses = d.type_ref.iter().chain(exprs.flat_map(|e| &e.refs));
    Deps::in_schema(&d.name, uses.cloned())
}

create_drop! {
    Domain, deps created, label |d| format!("domain_{}", d.name.name);
    /// `CREATE DOMAIN`.
    CreateDomain = "create_domain", rank 24, hazards no_hazards;
    /// `DROP DOMAIN`.
    DropDomain = "drop_domain", rank 17, hazards no_hazards;
    /// Default, NOT NULL and CHECK changes (the base type must stay).
    AlterDomain = "alter_domain", rank 24, in place;
}

/// The diff pass of domains. A domain whose base type or collation changes is dropped and
/// created; defaults, NOT NULL and CHECKs change in place.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let altered = |c: &Domain, d: &Domain, out: &mut Vec<Change>| {
        let (from, to) = (c.uncommented(), d.uncommented());
        if from == to {
            Kept::InPlace
        } else if c.data_type != d.data_type || c.collation != d.collation {
            Kept::Recreated
        } else {
            out.push(AlterDomain::between(from, to));
            Kept::InPlace
        }
    };
    diff_objects(&current.domains, &desired.domains, altered, out);
}

/// Domains whose CHECKs or default call a routine being dropped and created (`calls` says
/// which expressions do): PostgreSQL refuses to drop the routine while they stand. Each
/// one's calling CHECKs and default are taken off before (`ALTER DOMAIN … DROP
/// CONSTRAINT`, `DROP DEFAULT`) and put back after (`ADD CONSTRAINT`, `SET DEFAULT`), by
/// two in-place changes that the planner orders around the routine by what they release
/// and require; an in-place change the domain has anyway becomes the second one. A domain
/// dropped and created needs nothing: its drop and creation are ordered so already.
pub(crate) fn release_calls(
    current: &Schema,
    desired: &Schema,
    calls: &dyn Fn(&Expr) -> bool,
    out: &mut Vec<Change>,
) {
    for (name, c) in &current.domains {
        let Some(d) = desired.domains.get(name) else {
            continue;
        };
        if out
            .iter()
            .any(|x| matches!(x, Change::DropDomain(DropDomain(x)) if x.name == *name))
        {
            continue;
        }
        let mut released = c.uncommented();
        released.checks.retain(|_, e| !calls(e));
        if released.default.as_ref().is_some_and(calls) {
            released.default = None;
        }
        if released == c.uncommented() {
            continue;
        }
        // The domain's own in-place change, if any, is the second step (it goes to `d`).
        out.retain(
            |x| !matches!(x, Change::AlterDomain(AlterDomain { from, .. }) if from.name == *name),
        );
        let to = d.uncommented();
        out.push(AlterDomain::between(c.uncommented(), released.clone()));
        if released != to {
            out.push(AlterDomain::between(released, to));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::Domain;
    use insta::assert_snapshot;

    fn positive(check: &str) -> Domain {
        let mut d = domain("positive", "integer");
        d.checks.insert("positive_check".into(), sql(check));
        d
    }

    #[test]
    fn a_changed_check_alters_the_domain_in_place() {
        let current = schema().with(positive("VALUE > 0"));
        let desired = schema().with(positive("VALUE >= 1"));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_changed_base_type_drops_and_creates_the_domain() {
        let current = schema().with(positive("VALUE > 0"));
        let desired = schema().with(Domain {
            data_type: "bigint".into(),
            ..positive("VALUE > 0")
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_check_calling_a_recreated_function_is_taken_off_and_put_back() {
        let with = |returns: &str, limit: &str| {
            let mut d = positive(limit);
            d.checks
                .insert("even_check".into(), calling("is_even(VALUE)", &["is_even"]));
            schema()
                .with(function("is_even", "n integer", returns, "SELECT true"))
                .with(d)
        };
        let plan = planned(&with("boolean", "VALUE > 0"), &with("bool", "VALUE > 1"));
        let labels: Vec<&str> = plan.lines().map(|l| l.split(' ').next().unwrap()).collect();
        assert_eq!(
            labels,
            ["alter_domain", "replace_function", "alter_domain"],
            "{plan}"
        );
        assert!(plan.lines().next().unwrap().contains("VALUE > 0"), "{plan}");
        assert!(plan.lines().last().unwrap().contains("VALUE > 1"), "{plan}");
    }

    #[test]
    fn a_comment_alone_is_set_without_altering_the_domain() {
        let current = schema().with(positive("VALUE > 0"));
        let desired = schema().with(Domain {
            comment: Some("above zero".into()),
            ..positive("VALUE > 0")
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
