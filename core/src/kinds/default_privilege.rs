//! Default privileges (`ALTER DEFAULT PRIVILEGES`, PostgreSQL's `pg_default_acl`): the entry
//! IR, the `add_default_privilege`/`remove_default_privilege` changes, the diff pass, and the
//! privileges PostgreSQL gives an object created under them ([`implied_privileges`]).
//!
//! PostgreSQL stores one ACL per (role, schema or none, object type). A global entry (no
//! schema) replaces the built-in defaults of its object type (the owner's privileges, and
//! `EXECUTE` for `PUBLIC` on functions, `USAGE` for `PUBLIC` on types), so a `REVOKE` of a
//! built-in default is a real entry; an entry for one schema adds to the global one. An ACL
//! equal to its default is no entry at all (PostgreSQL deletes the row). The model keeps, as
//! the privileges kind does for objects, the ACL items that differ from the defaults: a
//! privilege granted (`revoked` false) or a built-in default taken away (`revoked` true).
//! The role's own privileges (grants to the role the entry is for) are never listed.
//!
//! The role: `FOR ROLE r` is `Some(r)`; no `FOR ROLE` (or `FOR ROLE CURRENT_USER`) is `None`,
//! the role that runs the migrations, which the live catalog reads back as `None` when the
//! entry's role is `current_user`. Only those entries act on the objects the migrations
//! create.

use crate::change::{Change, ChangeKind, Deps, ObjRef};
use crate::diff::pair_up;
use crate::filter::{Filterable, MatchedBy, Subject};
use crate::hazard::Hazard;
use crate::identity::ObjectId;
use crate::kinds::{Privilege, PrivilegeObject};
use crate::schema::{Named, Schema};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The kind of objects a default privilege applies to (`defaclobjtype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultObjectType {
    /// `ON TABLES` (`r`): tables, views, materialized views.
    Tables,
    /// `ON SEQUENCES` (`S`).
    Sequences,
    /// `ON FUNCTIONS` or `ON ROUTINES` (`f`): functions and procedures.
    Functions,
    /// `ON TYPES` (`T`).
    Types,
    /// `ON SCHEMAS` (`n`): global entries only.
    Schemas,
}

impl DefaultObjectType {
    /// As `ALTER DEFAULT PRIVILEGES … ON` spells it.
    pub fn sql(self) -> &'static str {
        match self {
            DefaultObjectType::Tables => "TABLES",
            DefaultObjectType::Sequences => "SEQUENCES",
            DefaultObjectType::Functions => "FUNCTIONS",
            DefaultObjectType::Types => "TYPES",
            DefaultObjectType::Schemas => "SCHEMAS",
        }
    }

    /// The privileges `ALL` stands for.
    pub fn all_privileges(self) -> &'static [&'static str] {
        match self {
            DefaultObjectType::Tables => &[
                "SELECT",
                "INSERT",
                "UPDATE",
                "DELETE",
                "TRUNCATE",
                "REFERENCES",
                "TRIGGER",
            ],
            DefaultObjectType::Sequences => &["USAGE", "SELECT", "UPDATE"],
            DefaultObjectType::Functions => &["EXECUTE"],
            DefaultObjectType::Types => &["USAGE"],
            DefaultObjectType::Schemas => &["USAGE", "CREATE"],
        }
    }

    /// The built-in defaults besides the owner's (PostgreSQL's `acldefault`), which a
    /// global entry replaces: `(grantee, privilege)`.
    pub fn built_in(self) -> &'static [(&'static str, &'static str)] {
        match self {
            DefaultObjectType::Functions => &[("public", "EXECUTE")],
            DefaultObjectType::Types => &[("public", "USAGE")],
            DefaultObjectType::Tables
            | DefaultObjectType::Sequences
            | DefaultObjectType::Schemas => &[],
        }
    }

    /// The type of default privileges an object with privileges gets at its creation, and
    /// the schema it is created in (`None` for a schema).
    pub fn of(object: &PrivilegeObject) -> Option<(DefaultObjectType, Option<&str>)> {
        match object {
            PrivilegeObject::Schema { .. } => Some((DefaultObjectType::Schemas, None)),
            PrivilegeObject::Relation { name } => {
                Some((DefaultObjectType::Tables, Some(name.schema.as_str())))
            }
            PrivilegeObject::Sequence { name } => {
                Some((DefaultObjectType::Sequences, Some(name.schema.as_str())))
            }
            PrivilegeObject::Function { id, .. } => {
                Some((DefaultObjectType::Functions, Some(id.schema.as_str())))
            }
            PrivilegeObject::Column { .. } => None,
        }
    }
}

/// The key of a default privilege: role, schema, object type, grantee, privilege.
pub type DefaultPrivilegeKey = (
    Option<String>,
    Option<String>,
    DefaultObjectType,
    String,
    String,
);

/// One item of a default ACL that differs from its default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultPrivilege {
    /// `FOR ROLE`, as stored (case-folded); `None`: the role that runs the migrations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// `IN SCHEMA`; `None`: a global entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub on: DefaultObjectType,
    /// The role granted to, as stored; `public` for `PUBLIC`.
    pub grantee: String,
    pub privilege: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_grant_option: bool,
    /// A built-in default taken away (global entries only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revoked: bool,
}

impl DefaultPrivilege {
    pub fn key(&self) -> DefaultPrivilegeKey {
        (
            self.role.clone(),
            self.schema.clone(),
            self.on,
            self.grantee.clone(),
            self.privilege.clone(),
        )
    }

    /// Whether `(grantee, privilege)` is a built-in default of a global entry of `on`.
    pub fn is_built_in(schema: Option<&str>, on: DefaultObjectType, g: &str, p: &str) -> bool {
        schema.is_none() && on.built_in().contains(&(g, p))
    }
}

impl Named for DefaultPrivilege {
    type Key = DefaultPrivilegeKey;
    fn key(&self) -> DefaultPrivilegeKey {
        DefaultPrivilege::key(self)
    }
}

/// A default privilege goes with its schema; a global one is matched by nothing and kept.
impl Filterable for DefaultPrivilege {
    fn subject(&self) -> Subject {
        let follows: Vec<ObjectId> = self.schema.iter().cloned().map(ObjectId::schema).collect();
        Subject {
            kinds: vec!["privilege".into()],
            matched_by: MatchedBy::Nothing,
            schema: None,
            name: String::new(),
            namespace: self.schema.clone(),
            id: None,
            label: format!(
                "default privilege {} on {} to {}",
                self.privilege,
                self.on.sql().to_lowercase(),
                self.grantee
            ),
            follows,
        }
    }
}

/// The privileges (as the privileges kind lists them) that PostgreSQL gives `object` when
/// the role that runs the migrations creates it under `defaults` (the entries with no
/// `FOR ROLE`): the global entry of its type, or the built-in defaults, plus the entry of
/// its schema.
pub fn implied_privileges<'a>(
    defaults: impl IntoIterator<Item = &'a DefaultPrivilege>,
    object: &PrivilegeObject,
) -> Vec<Privilege> {
    let Some((on, schema)) = DefaultObjectType::of(object) else {
        return Vec::new();
    };
    // (grantee, privilege) → with grant option.
    let mut acl: BTreeMap<(String, String), bool> = on
        .built_in()
        .iter()
        .map(|(g, p)| ((g.to_string(), p.to_string()), false))
        .collect();
    let mut added = Vec::new();
    for d in defaults {
        if d.role.is_some() || d.on != on {
            continue;
        }
        let item = (d.grantee.clone(), d.privilege.clone());
        match d.schema.as_deref() {
            None if d.revoked => {
                acl.remove(&item);
            }
            None => {
                acl.insert(item, d.with_grant_option);
            }
            Some(s) if Some(s) == schema => added.push((item, d.with_grant_option)),
            Some(_) => {}
        }
    }
    for (item, option) in added {
        *acl.entry(item).or_default() |= option;
    }
    let entry = |(g, p): (&str, &str), with_grant_option, revoked| Privilege {
        object: object.clone(),
        grantee: g.to_string(),
        privilege: p.to_string(),
        with_grant_option,
        revoked,
    };
    let defaults = object.default_privileges();
    let mut out: Vec<Privilege> = defaults
        .iter()
        .filter(|(g, p)| !acl.contains_key(&(g.to_string(), p.to_string())))
        .map(|&item| entry(item, false, true))
        .collect();
    for ((g, p), option) in &acl {
        if option | !defaults.contains(&(g.as_str(), p.as_str())) {
            out.push(entry((g, p), *option, false));
        }
    }
    out
}

/// A default ACL item made to hold (`GRANT`, or `REVOKE` for a built-in default taken
/// away). It runs after the objects the same migration creates (its rank is the highest),
/// so they get the privileges the desired files give them, which the privileges kind
/// grants one by one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AddDefaultPrivilege(pub DefaultPrivilege);

/// A default ACL item undone: first of all (before the objects the migration creates, and
/// before its schema is dropped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RemoveDefaultPrivilege(pub DefaultPrivilege);

fn schema_refs(d: &DefaultPrivilege) -> Vec<ObjRef> {
    d.schema.iter().cloned().map(ObjRef::schema).collect()
}

/// `default_grant_<privilege>_<on>_<grantee>`: what the statement does, which for an entry
/// that is a built-in default taken away is the opposite of the change's direction.
fn label(adds: bool, d: &DefaultPrivilege) -> String {
    let verb = if adds != d.revoked { "grant" } else { "revoke" };
    format!(
        "default_{verb}_{}_{}_{}",
        d.privilege.to_lowercase(),
        d.on.sql().to_lowercase(),
        d.grantee
    )
}

impl ChangeKind for AddDefaultPrivilege {
    const KIND: &'static str = "add_default_privilege";
    fn rank(&self) -> u8 {
        // After every create (dialect objects are 40).
        41
    }
    fn invert(&self) -> Change {
        RemoveDefaultPrivilege(self.0.clone()).into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        label(true, &self.0)
    }
    fn deps(&self) -> Deps {
        Deps::creating(vec![], schema_refs(&self.0))
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

impl ChangeKind for RemoveDefaultPrivilege {
    const KIND: &'static str = "remove_default_privilege";
    fn rank(&self) -> u8 {
        // Before everything else.
        4
    }
    fn invert(&self) -> Change {
        AddDefaultPrivilege(self.0.clone()).into()
    }
    fn is_drop(&self) -> bool {
        false
    }
    fn label(&self) -> String {
        label(false, &self.0)
    }
    fn deps(&self) -> Deps {
        Deps {
            creates: vec![],
            requires: vec![],
            removes: vec![],
            releases: schema_refs(&self.0),
        }
    }
    fn hazards(&self, _: &Schema) -> Vec<Hazard> {
        vec![]
    }
}

/// Default privileges: each item added or removed is one statement; a changed item (its
/// grant option) is removed and added.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let mut adds = Vec::new();
    pair_up(
        &current.default_privileges,
        &desired.default_privileges,
        |c, d| {
            if c == d {
                return;
            }
            if let Some(c) = c {
                out.push(RemoveDefaultPrivilege(c.clone()).into());
            }
            if let Some(d) = d {
                adds.push(AddDefaultPrivilege(d.clone()).into());
            }
        },
    );
    out.extend(adds);
}

/// The default privileges in force while a migration from `current` to `desired` creates
/// objects: those of the role that runs it that both sides have alike (the others are
/// removed before and added after every creation).
pub(crate) fn kept(current: &Schema, desired: &Schema) -> Vec<DefaultPrivilege> {
    let keys: BTreeSet<&DefaultPrivilegeKey> = current
        .default_privileges
        .iter()
        .filter(|(k, c)| k.0.is_none() && desired.default_privileges.get(*k) == Some(*c))
        .map(|(k, _)| k)
        .collect();
    keys.into_iter()
        .map(|k| current.default_privileges[k].clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testkit::*;
    use crate::schema::Schema;
    use insta::assert_snapshot;

    fn item(
        schema: Option<&str>,
        on: DefaultObjectType,
        grantee: &str,
        p: &str,
    ) -> DefaultPrivilege {
        DefaultPrivilege {
            role: None,
            schema: schema.map(str::to_string),
            on,
            grantee: grantee.to_string(),
            privilege: p.to_string(),
            with_grant_option: false,
            revoked: false,
        }
    }

    fn with(mut s: Schema, d: DefaultPrivilege) -> Schema {
        s.default_privileges.insert(d.key(), d);
        s
    }

    fn no_public_execute() -> DefaultPrivilege {
        DefaultPrivilege {
            revoked: true,
            ..item(None, DefaultObjectType::Functions, "public", "EXECUTE")
        }
    }

    #[test]
    fn grants_in_a_schema_and_a_global_revoke_are_added_after_the_schema() {
        let app = schema().with(namespace("app"));
        let desired = with(
            with(
                app.clone(),
                item(Some("app"), DefaultObjectType::Tables, "bob", "SELECT"),
            ),
            no_public_execute(),
        );
        assert_snapshot!(planned(&schema(), &desired));
    }

    #[test]
    fn a_changed_grant_option_is_removed_and_added_and_a_gone_item_removed() {
        let reader = item(None, DefaultObjectType::Sequences, "bob", "USAGE");
        let current = with(with(schema(), reader.clone()), no_public_execute());
        let desired = with(
            schema(),
            DefaultPrivilege {
                with_grant_option: true,
                ..reader
            },
        );
        assert_snapshot!(planned(&current, &desired));
    }

    #[test]
    fn the_items_of_a_dropped_schema_are_removed_before_its_drop() {
        let current = with(
            schema().with(namespace("app")),
            item(Some("app"), DefaultObjectType::Types, "bob", "USAGE"),
        );
        assert_snapshot!(planned(&current, &schema()));
    }

    #[test]
    fn a_table_created_under_kept_defaults_loses_what_the_files_do_not_grant() {
        // The files created `t` before their `ALTER DEFAULT PRIVILEGES`: the live database
        // will grant it on creation, so the migration revokes it after.
        let defaults = with(
            schema(),
            item(None, DefaultObjectType::Tables, "bob", "SELECT"),
        );
        let desired = defaults.clone().with(table("t", [col("a", "integer")]));
        assert_snapshot!(planned(&defaults, &desired));
    }

    #[test]
    fn the_items_in_a_schema_go_with_it_and_global_ones_stay() {
        use crate::filter::{Filter, FilterSpec};
        let current = with(
            with(
                schema().with(namespace("app")).with(namespace("other")),
                item(Some("other"), DefaultObjectType::Tables, "bob", "SELECT"),
            ),
            no_public_execute(),
        );
        let spec = FilterSpec {
            schemas: vec!["app".into()],
            ..FilterSpec::default()
        };
        let filtered = Filter::new(&spec, &[]).unwrap().apply(current).schema;
        let kept: Vec<_> = filtered.default_privileges.into_values().collect();
        assert_eq!(kept, [no_public_execute()]);
    }

    #[test]
    fn implied_privileges_merge_the_global_and_the_schema_entries() {
        let defaults = [
            no_public_execute(),
            item(Some("app"), DefaultObjectType::Functions, "bob", "EXECUTE"),
            item(
                Some("other"),
                DefaultObjectType::Functions,
                "eve",
                "EXECUTE",
            ),
            DefaultPrivilege {
                role: Some("alice".into()),
                ..item(None, DefaultObjectType::Functions, "carol", "EXECUTE")
            },
        ];
        let f = PrivilegeObject::Function {
            id: ObjectId::routine(crate::identity::ObjectKind::Function, "app", "f", vec![]),
            procedure: false,
        };
        let implied: Vec<String> = implied_privileges(&defaults, &f)
            .iter()
            .map(|p| format!("{} {} revoked={}", p.grantee, p.privilege, p.revoked))
            .collect();
        assert_eq!(
            implied,
            ["public EXECUTE revoked=true", "bob EXECUTE revoked=false"]
        );
    }
}
