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
use std::fmt;

// Each kind's IR lives in its slice, beside its changes; the schema reads as one model.
pub use crate::kinds::aggregate::Aggregate;
pub use crate::kinds::base_type::BaseType;
pub use crate::kinds::collation::{Collation, CollationProvider};
pub use crate::kinds::column::{Column, Identity, Storage};
pub use crate::kinds::composite::{Attribute, CompositeType};
pub use crate::kinds::constraint::{Constraint, ConstraintKind, FkAction};
pub use crate::kinds::dialect_object::DialectObject;
pub use crate::kinds::domain::Domain;
pub use crate::kinds::enums::EnumType;
pub use crate::kinds::extension::Extension;
pub use crate::kinds::foreign_data::{
    FdwOptions, ForeignDataWrapper, ForeignServer, UserMapping, UserMappingKey,
};
pub use crate::kinds::function::Function;
pub use crate::kinds::index::{Index, IndexKey};
pub use crate::kinds::namespace::Namespace;
pub use crate::kinds::operator::Operator;
pub use crate::kinds::policy::Policy;
pub use crate::kinds::privilege::{Privilege, PrivilegeKey, PrivilegeObject};
pub use crate::kinds::publication::{Publication, PublicationOptions, PublishedTable};
pub use crate::kinds::range::RangeType;
pub use crate::kinds::rule::Rule;
pub use crate::kinds::sequence::{ColumnRef, Sequence, SequenceOptions};
pub use crate::kinds::statistics::Statistics;
pub use crate::kinds::table::{ForeignTable, PartitionOf, ReplicaIdentity, Table};
pub use crate::kinds::trigger::Trigger;
pub use crate::kinds::view::{CheckOption, View, ViewOptions};

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
    RangeType: QualifiedName = name,
    BaseType: QualifiedName = name,
    Collation: QualifiedName = name,
    Statistics: QualifiedName = name,
    Publication: String = name,
    ForeignDataWrapper: String = name,
    ForeignServer: String = name,
    Sequence: QualifiedName = name,
    Table: QualifiedName = name,
    Index: QualifiedName = name,
    View: QualifiedName = name,
    Function: ObjectId = id,
    Aggregate: ObjectId = id,
    Operator: ObjectId = id,
);

/// [`Named`] and [`crate::references::RelationMember`] for the objects that live on one
/// relation (the field `$on`), keyed by their id of kind `$kind`.
macro_rules! relation_members {
    ($($t:ty: $kind:ident on $on:ident),* $(,)?) => {$(
        impl Named for $t {
            type Key = ObjectId;
            fn key(&self) -> ObjectId {
                self.id.clone()
            }
            fn settle(&mut self) {
                self.id = ObjectId::member(ObjectKind::$kind, &self.$on, self.name.clone());
            }
        }

        impl crate::references::RelationMember for $t {
            const KIND: ObjectKind = ObjectKind::$kind;
            fn relation(&self) -> &QualifiedName {
                &self.$on
            }
            fn member_name(&self) -> &str {
                &self.name
            }
            fn move_to(&mut self, to: &QualifiedName, id: ObjectId) {
                self.$on = to.clone();
                self.id = id;
            }
        }
    )*};
}
relation_members!(
    Policy: Policy on table,
    Trigger: Trigger on table,
    crate::kinds::rule::Rule: Rule on relation,
);

impl Named for Privilege {
    type Key = PrivilegeKey;
    fn key(&self) -> PrivilegeKey {
        Privilege::key(self)
    }
}

impl Named for UserMapping {
    type Key = UserMappingKey;
    fn key(&self) -> UserMappingKey {
        UserMapping::key(self)
    }
}

impl Named for DialectObject {
    type Key = ObjectId;
    fn key(&self) -> ObjectId {
        self.id()
    }
}

pub(crate) mod as_list {
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

/// Declares [`Schema`] from its maps, one per object kind, as the registry of kinds
/// ([`crate::kinds`]) lists them, with the methods that must visit every map.
macro_rules! schema_maps {
    (
        maps { $($(#[$attr:meta])* $field:ident: $map:ty,)+ }
        members { $($member:ident),+ $(,)? }
    ) => {
        /// The whole schema of one database: one map per object kind. A map left out of
        /// its JSON form is empty.
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(default)]
        pub struct Schema {
            $($(#[$attr])* pub $field: $map,)+
        }

        impl Schema {
            /// True when the schema holds no user object at all.
            pub fn is_empty(&self) -> bool {
                true $(&& self.$field.is_empty())+
            }

            /// Hands every map to `v`, in the order they are declared: what filters use to
            /// see every kind ([`crate::filter`]).
            pub(crate) fn visit_maps(&mut self, v: &mut impl $crate::filter::MapVisitor) {
                $(v.visit(&mut self.$field);)+
            }

            /// Hands each map of objects that live on a relation (`members:`) to `v`.
            pub(crate) fn visit_members(&mut self, v: &mut impl $crate::references::MemberVisitor) {
                $(v.visit(&mut self.$member);)+
            }

            /// Hands each kind's maps of relation members in `current` and `desired` to `v`.
            pub(crate) fn visit_member_pairs(
                current: &Schema,
                desired: &Schema,
                v: &mut impl $crate::references::MemberPairVisitor,
            ) {
                $(v.visit(&current.$member, &desired.$member);)+
            }
        }
    };
}
pub(crate) use schema_maps;

/// The schema, declared by the registry of kinds.
pub use crate::kinds::Schema;
