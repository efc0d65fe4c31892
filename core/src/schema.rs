//! The schema IR: one neutral, serialisable model of a database schema.
//!
//! Every source (SQL files, a live catalog, a JSON snapshot, replayed migrations) produces a
//! [`Schema`], and [`crate::diff`] compares two of them. Objects live in `BTreeMap`s keyed by
//! their qualified name so iteration, and therefore generated output, is deterministic.
//!
//! Names are stored as PostgreSQL stores them (already case-folded, never quoted); quoting
//! happens once, when DDL is rendered. Types and expressions are stored in a canonical form
//! chosen by the dialect that loaded them, so that two sources meaning the same thing compare
//! equal (see `docs/ARCHITECTURE.md`, "Normalisation").

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

// Each kind's IR lives in its slice, beside its changes; the schema reads as one model.
pub use crate::kinds::aggregate::Aggregate;
pub use crate::kinds::column::{Column, Identity, Storage};
pub use crate::kinds::composite::{Attribute, CompositeType};
pub use crate::kinds::constraint::{Constraint, ConstraintKind, FkAction};
pub use crate::kinds::dialect_object::DialectObject;
pub use crate::kinds::domain::Domain;
pub use crate::kinds::enums::EnumType;
pub use crate::kinds::extension::Extension;
pub use crate::kinds::function::Function;
pub use crate::kinds::index::{Index, IndexKey};
pub use crate::kinds::namespace::Namespace;
pub use crate::kinds::operator::Operator;
pub use crate::kinds::policy::Policy;
pub use crate::kinds::privilege::{Privilege, PrivilegeKey, PrivilegeObject};
pub use crate::kinds::sequence::{ColumnRef, Sequence, SequenceOptions};
pub use crate::kinds::table::{PartitionOf, Table};
pub use crate::kinds::trigger::Trigger;
pub use crate::kinds::view::View;

/// A schema-qualified object name, e.g. `public.users`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QualifiedName {
    pub schema: String,
    pub name: String,
}

impl QualifiedName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        QualifiedName {
            schema: schema.into(),
            name: name.into(),
        }
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

/// An SQL expression (a default, a CHECK, an index predicate).
///
/// `sql` is valid SQL to emit; `key` is the dialect's canonical form used for comparison, so
/// `'x'` in a file and `'x'::text` from the catalog have different `sql` but the same `key`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Expr {
    pub sql: String,
    pub key: String,
    /// Objects (sequences, functions, types) the expression refers to, for ordering.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<QualifiedName>,
    /// The columns the expression names (the last part of each column reference): filled by the dialect that parsed it, as only it can parse SQL.
    ///
    /// Not serialised, so that snapshots (`inspect --format json`) keep their form: a
    /// snapshot read back gets them from [`crate::dialect::Dialect::complete_snapshot`].
    #[serde(skip)]
    pub columns: Vec<String>,
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Expr {}

impl Expr {
    /// Whether the expression names the column `column` (see [`Expr::columns`]).
    pub fn reads(&self, column: &str) -> bool {
        self.columns.iter().any(|c| c == column)
    }
}

/// Objects stored by qualified name: JSON keys must be strings, so these maps are written as
/// lists of their values and rebuilt from each value's own name.
pub trait Named {
    fn qualified_name(&self) -> &QualifiedName;
}

macro_rules! named {
    ($($t:ty),*) => {$(
        impl Named for $t {
            fn qualified_name(&self) -> &QualifiedName {
                &self.name
            }
        }
    )*};
}
named!(
    EnumType,
    Domain,
    CompositeType,
    Sequence,
    Table,
    Index,
    View,
    DialectObject
);

impl Named for Function {
    fn qualified_name(&self) -> &QualifiedName {
        &self.id
    }
}

impl Named for Policy {
    fn qualified_name(&self) -> &QualifiedName {
        &self.id
    }
}

impl Named for Aggregate {
    fn qualified_name(&self) -> &QualifiedName {
        &self.id
    }
}

impl Named for Operator {
    fn qualified_name(&self) -> &QualifiedName {
        &self.id
    }
}

impl Named for Trigger {
    fn qualified_name(&self) -> &QualifiedName {
        &self.id
    }
}

mod as_list {
    use super::{Named, QualifiedName};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer, V: Serialize>(
        map: &BTreeMap<QualifiedName, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.values())
    }

    pub fn deserialize<'de, D: Deserializer<'de>, V: Deserialize<'de> + Named>(
        d: D,
    ) -> Result<BTreeMap<QualifiedName, V>, D::Error> {
        let items = Vec::<V>::deserialize(d)?;
        Ok(items
            .into_iter()
            .map(|v| (v.qualified_name().clone(), v))
            .collect())
    }
}

/// The whole schema of one database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    /// User schemas (namespaces). `public` is assumed to exist and is not listed.
    #[serde(default)]
    pub schemas: BTreeMap<String, Namespace>,
    #[serde(default)]
    pub extensions: BTreeMap<String, Extension>,
    #[serde(default, with = "as_list")]
    pub enums: BTreeMap<QualifiedName, EnumType>,
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub domains: BTreeMap<QualifiedName, Domain>,
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub composites: BTreeMap<QualifiedName, CompositeType>,
    #[serde(default, with = "as_list")]
    pub sequences: BTreeMap<QualifiedName, Sequence>,
    #[serde(default, with = "as_list")]
    pub tables: BTreeMap<QualifiedName, Table>,
    /// Stand-alone indexes. Indexes that back a PRIMARY KEY, UNIQUE or EXCLUDE constraint
    /// belong to the constraint and are not listed here.
    #[serde(default, with = "as_list")]
    pub indexes: BTreeMap<QualifiedName, Index>,
    /// Views and materialized views.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub views: BTreeMap<QualifiedName, View>,
    /// Functions and procedures, keyed by schema and `name(argument types)`.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub functions: BTreeMap<QualifiedName, Function>,
    /// Aggregates, keyed by schema and `name(argument types)` (`name(*)`).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub aggregates: BTreeMap<QualifiedName, Aggregate>,
    /// Operators, keyed by schema and `op(left type, right type)` (`NONE` for a prefix one).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub operators: BTreeMap<QualifiedName, Operator>,
    /// Row-level security policies, keyed by the table's schema and `table.policy`.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub policies: BTreeMap<QualifiedName, Policy>,
    /// Triggers, keyed by the table's schema and `table.trigger`.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub triggers: BTreeMap<QualifiedName, Trigger>,
    /// Objects a dialect defines (a hypertable, a retention policy, a distributed table),
    /// keyed by `(kind, name)` in `name.schema`/`name.name` of a [`DialectObject`].
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub dialect_objects: BTreeMap<QualifiedName, DialectObject>,
    /// Privileges (`GRANT`/`REVOKE`), managed only with `--with-privileges`: the entries of
    /// the objects' ACLs other than the owner's own, see [`Privilege`].
    #[serde(
        default,
        with = "privilege_list",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub privileges: BTreeMap<PrivilegeKey, Privilege>,
}

impl Schema {
    /// True when the schema holds no user object at all.
    pub fn is_empty(&self) -> bool {
        self.schemas.is_empty()
            && self.extensions.is_empty()
            && self.enums.is_empty()
            && self.domains.is_empty()
            && self.composites.is_empty()
            && self.sequences.is_empty()
            && self.tables.is_empty()
            && self.indexes.is_empty()
            && self.views.is_empty()
            && self.functions.is_empty()
            && self.aggregates.is_empty()
            && self.operators.is_empty()
            && self.triggers.is_empty()
            && self.policies.is_empty()
            && self.dialect_objects.is_empty()
            && self.privileges.is_empty()
    }
}

mod privilege_list {
    use super::{Privilege, PrivilegeKey};
    use serde::{Deserialize, Deserializer, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<PrivilegeKey, Privilege>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.values())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<PrivilegeKey, Privilege>, D::Error> {
        Ok(Vec::<Privilege>::deserialize(d)?
            .into_iter()
            .map(|p| (p.key(), p))
            .collect())
    }
}
