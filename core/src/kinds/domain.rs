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
    let mut deps = Deps::in_schema(&d.name, uses.cloned());
    deps.requires
        .extend(d.collation.as_deref().map(crate::kinds::used_collation));
    deps
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
        } else if recreated(c, d) {
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

/// Whether the domain must be dropped and created to go from `c` to `d`: PostgreSQL has
/// no `ALTER DOMAIN` for the base type or the collation.
fn recreated(c: &Domain, d: &Domain) -> bool {
    c.data_type != d.data_type || c.collation != d.collation
}

/// Whether the domain, altered in place, gains a constraint PostgreSQL checks the values
/// of its columns against: a CHECK it did not have (by name and expression) or NOT NULL.
fn tightened(c: &Domain, d: &Domain) -> bool {
    (d.not_null && !c.not_null) || d.checks.iter().any(|(k, e)| c.checks.get(k) != Some(e))
}

/// The table columns (arrays too) of the domains dropped and created (their base type or
/// collation changes), in the tables that keep them of the domain: PostgreSQL refuses to
/// drop a domain a column uses, so each column is turned into the domain's old base type
/// before the drop (`USING col::base`, with the old domain's collation, its default taken
/// off when it names the domain) and back into the domain after the creation (`USING
/// col::domain`, its default put back). Those are column retypes, so the cascade then takes
/// what reads the columns (views, CHECKs, expression indexes) off and puts it back as for
/// any other; the planner orders the first before the drop (it releases the domain) and the
/// second after the creation (it requires it). A column the changes already alter or drop
/// is left to them, and so are generated and inherited columns (a partition's follows its
/// parent's). What else uses the domain is refused by the dialect's `DROP DOMAIN` builder.
///
/// A domain altered in place to a new CHECK or NOT NULL ([`tightened`]) releases its array
/// columns the same way: PostgreSQL checks a plain column's values against the new
/// constraint, but refuses to alter a domain an array column (`dom[]`) uses.
pub(crate) fn release_columns(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    use crate::kinds::column::{kept_columns_of, through, type_ref, Column};
    let both = |r: &QualifiedName| current.domains.get(r).zip(desired.domains.get(r));
    let released_domain =
        |r: &QualifiedName| both(r).is_some_and(|(o, n)| recreated(o, n) || tightened(o, n));
    let kept = kept_columns_of(current, desired, out, type_ref, released_domain);
    let mut extra = Vec::new();
    for (table, c, dc) in kept {
        let domain = dc.type_ref.as_ref().expect("of a domain");
        let array = c.data_type.ends_with("[]");
        if !array && both(domain).is_some_and(|(o, n)| !recreated(o, n)) {
            continue;
        }
        let old = &current.domains[domain];
        let names_domain = |e: &Expr| e.refs.contains(&old.name);
        // `dom[]` becomes `base[]`.
        let dims = &c.data_type[c.data_type.trim_end_matches("[]").len()..];
        let base = |c: Column| Column {
            data_type: format!("{}{dims}", old.data_type),
            type_ref: old.type_ref.clone(),
            collation: c.collation.clone().or_else(|| old.collation.clone()),
            default: c.default.clone().filter(|e| !names_domain(e)),
            storage: None,
            ..c
        };
        extra.extend(through(table, c, dc, base));
    }
    out.extend(extra);
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
    fn a_column_of_a_domain_altered_in_place_changes_beside_it() {
        let used = |not_null: bool| {
            table(
                "t",
                [crate::schema::Column {
                    type_ref: Some(qn("positive")),
                    not_null,
                    ..col("n", "positive")
                }],
            )
        };
        let current = schema().with(positive("VALUE > 0")).with(used(false));
        let desired = schema().with(positive("VALUE >= 1")).with(used(true));
        let changes = crate::plan::order(crate::diff::diff(&current, &desired)).unwrap();
        let mut labels: Vec<String> = changes.iter().map(crate::change::Change::label).collect();
        labels.sort();
        assert_eq!(labels, ["alter_domain_positive", "alter_t_n"]);
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
    fn a_column_of_a_domain_changing_its_base_type_goes_through_the_old_base_around_it() {
        let used = table(
            "t",
            [crate::schema::Column {
                type_ref: Some(qn("positive")),
                ..col("n", "positive")
            }],
        );
        let current = schema().with(positive("VALUE > 0")).with(used.clone());
        let desired = schema()
            .with(Domain {
                data_type: "bigint".into(),
                ..positive("VALUE > 0")
            })
            .with(used);
        let plan = planned(&current, &desired);
        let labels: Vec<&str> = plan.lines().map(|l| l.split(' ').next().unwrap()).collect();
        assert_eq!(
            labels,
            [
                "alter_column",
                "drop_domain",
                "create_domain",
                "alter_column"
            ],
            "{plan}"
        );
        let first = plan.lines().next().unwrap();
        assert!(first.contains(r#""data_type":"integer""#), "{plan}");
    }

    #[test]
    fn an_array_column_goes_through_the_base_type_around_a_new_check() {
        let used = table(
            "t",
            [
                crate::schema::Column {
                    type_ref: Some(qn("positive")),
                    ..col("many", "positive[]")
                },
                crate::schema::Column {
                    type_ref: Some(qn("positive")),
                    ..col("one", "positive")
                },
            ],
        );
        let current = schema().with(positive("VALUE > 0")).with(used.clone());
        let desired = schema().with(positive("VALUE >= 0")).with(used.clone());
        let plan = planned(&current, &desired);
        let labels: Vec<&str> = plan.lines().map(|l| l.split(' ').next().unwrap()).collect();
        assert_eq!(
            labels,
            ["alter_column", "alter_domain", "alter_column"],
            "{plan}"
        );
        assert!(
            plan.lines()
                .next()
                .unwrap()
                .contains(r#""data_type":"integer[]""#),
            "{plan}"
        );
        // A comment alone, or a CHECK taken away, checks nothing: the column stays.
        let loosened = schema().with(domain("positive", "integer")).with(used);
        let plan = planned(&current, &loosened);
        assert_eq!(plan.lines().count(), 1, "{plan}");
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
