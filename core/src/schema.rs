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

use crate::identity::{ObjectId, ObjectKind};
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
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Expr {}

impl Expr {
    /// Whether the expression's SQL names `ident` (a column name, say) as an identifier:
    /// bare identifiers compare case-insensitively, quoted ones exactly; string literals are
    /// skipped. It may over-match (a function with the column's name), never under-match.
    pub fn mentions(&self, ident: &str) -> bool {
        let b = self.sql.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == b'\'' {
                i += 1;
                while i < b.len() {
                    if b[i] == b'\'' && b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                    } else if b[i] == b'\'' {
                        break;
                    } else {
                        i += 1;
                    }
                }
                i += 1;
            } else if c == b'"' {
                let mut word = Vec::new();
                i += 1;
                while i < b.len() {
                    if b[i] == b'"' && b.get(i + 1) == Some(&b'"') {
                        word.push(b'"');
                        i += 2;
                    } else if b[i] == b'"' {
                        break;
                    } else {
                        word.push(b[i]);
                        i += 1;
                    }
                }
                i += 1;
                if word == ident.as_bytes() {
                    return true;
                }
            } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
                let start = i;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric()
                        || b[i] == b'_'
                        || b[i] == b'$'
                        || b[i] >= 0x80)
                {
                    i += 1;
                }
                if self.sql[start..i].to_lowercase() == ident {
                    return true;
                }
            } else {
                i += 1;
            }
        }
        false
    }
}

/// Objects stored in maps keyed by their identity: JSON keys must be strings, so these maps
/// are written as lists of their values and rebuilt from each value's own key.
pub trait Named {
    /// The map key: the qualified name, or the [`ObjectId`] where a name is not enough.
    type Key: Ord + Clone;

    fn key(&self) -> Self::Key;

    /// Settles the key after reading, from the fields it is made of, where its JSON form
    /// alone is ambiguous (a trigger's or policy's `table.name` when the table's name has a
    /// dot in it).
    fn settle(&mut self) {}
}

macro_rules! named {
    ($($t:ty: $key:ty = $field:ident),* $(,)?) => {$(
        impl Named for $t {
            type Key = $key;
            fn key(&self) -> $key {
                self.$field.clone()
            }
        }
    )*};
}
named!(
    EnumType: QualifiedName = name,
    Domain: QualifiedName = name,
    CompositeType: QualifiedName = name,
    Sequence: QualifiedName = name,
    Table: QualifiedName = name,
    Index: QualifiedName = name,
    View: QualifiedName = name,
    Function: ObjectId = id,
    Aggregate: ObjectId = id,
    Operator: ObjectId = id,
);

macro_rules! named_member {
    ($($t:ty: $kind:ident),* $(,)?) => {$(
        impl Named for $t {
            type Key = ObjectId;
            fn key(&self) -> ObjectId {
                self.id.clone()
            }
            fn settle(&mut self) {
                self.id = ObjectId::member(ObjectKind::$kind, &self.table, self.name.clone());
            }
        }
    )*};
}
named_member!(Policy: Policy, Trigger: Trigger);

impl Named for DialectObject {
    type Key = ObjectId;
    fn key(&self) -> ObjectId {
        self.id()
    }
}

mod as_list {
    use super::Named;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer, K, V: Serialize>(
        map: &BTreeMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.values())
    }

    pub fn deserialize<'de, D: Deserializer<'de>, V: Deserialize<'de> + Named>(
        d: D,
    ) -> Result<BTreeMap<V::Key, V>, D::Error> {
        let items = Vec::<V>::deserialize(d)?;
        Ok(items
            .into_iter()
            .map(|mut v| {
                v.settle();
                (v.key(), v)
            })
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
    /// Functions and procedures, keyed by schema, name and argument types.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub functions: BTreeMap<ObjectId, Function>,
    /// Aggregates, keyed by schema, name and argument types (`*` for one over rows).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub aggregates: BTreeMap<ObjectId, Aggregate>,
    /// Operators, keyed by schema, symbol and operand types (`NONE` for a prefix one's left).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub operators: BTreeMap<ObjectId, Operator>,
    /// Row-level security policies, keyed by their table and name.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub policies: BTreeMap<ObjectId, Policy>,
    /// Triggers, keyed by their table and name.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub triggers: BTreeMap<ObjectId, Trigger>,
    /// Objects a dialect defines (a hypertable, a retention policy, a distributed table),
    /// keyed by [`DialectObject::id`]: their kind and their name within it.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub dialect_objects: BTreeMap<ObjectId, DialectObject>,
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
