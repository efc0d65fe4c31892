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
    fn a_comment_alone_is_set_without_altering_the_domain() {
        let current = schema().with(positive("VALUE > 0"));
        let desired = schema().with(Domain {
            comment: Some("above zero".into()),
            ..positive("VALUE > 0")
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
