//! Object kinds, one module each: the core half of the vertical slices, and their registry.
//!
//! A kind's module holds its IR (re-exported from [`crate::schema`], so the schema reads as
//! one model) and its change types with their [`ChangeKind`](crate::change::ChangeKind)
//! impls: name, ordering rank, inverse, dependencies, hazards and label. The dialect half of
//! each slice (loading, catalog, DDL) lives in the dialect crate, under the same kind name.
//!
//! Everything public is also re-exported here, so `use migrator_core::kinds::*` names every
//! change type.
//!
//! This file is also the registry: the one place that lists the kinds. A kind appears here
//! in three rows, and nowhere else outside its module:
//! - its map in [`Schema`] (`schema_maps!`; also under `members` when its objects live on
//!   a relation, as triggers do);
//! - its change types in the change table (`change_kinds!`, which derives `enum Change` and
//!   [`Change::KINDS`] from it);
//! - its diff pass in [`DIFF_PASSES`].

pub mod aggregate;
pub mod base_type;
pub mod collation;
pub mod column;
pub mod comment;
pub mod composite;
pub mod constraint;
pub mod default_privilege;
pub mod dialect_object;
pub mod domain;
pub mod enums;
pub mod extension;
pub mod foreign_data;
pub mod function;
pub mod index;
pub mod namespace;
pub mod operator;
pub mod policy;
pub mod privilege;
pub mod publication;
pub mod range;
pub mod rule;
pub mod sequence;
pub mod statistics;
pub mod table;
pub mod trigger;
pub mod view;

#[cfg(test)]
pub(crate) mod testkit;

use crate::change::change_kinds;
use crate::diff::Pass;
use crate::identity::ObjectId;
use crate::schema::{schema_maps, QualifiedName};
use std::collections::BTreeMap;

pub use self::{
    aggregate::*, base_type::*, collation::*, column::*, comment::*, composite::*, constraint::*,
    default_privilege::*, dialect_object::*, domain::*, enums::*, extension::*, foreign_data::*,
    function::*, index::*, namespace::*, operator::*, policy::*, privilege::*, publication::*,
    range::*, rule::*, sequence::*, statistics::*, table::*, trigger::*, view::*,
};

schema_maps! {
    maps {
        /// User schemas (namespaces). `public` is assumed to exist and is not listed.
        schemas: BTreeMap<String, Namespace>,
        extensions: BTreeMap<String, Extension>,
        /// User collations (`CREATE COLLATION`).
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        collations: BTreeMap<QualifiedName, Collation>,
        #[serde(with = "crate::schema::as_list")]
        enums: BTreeMap<QualifiedName, EnumType>,
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        domains: BTreeMap<QualifiedName, Domain>,
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        composites: BTreeMap<QualifiedName, CompositeType>,
        /// Range types, each with its multirange type.
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        ranges: BTreeMap<QualifiedName, RangeType>,
        /// Base types (`CREATE TYPE name (INPUT = …, OUTPUT = …)`).
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        base_types: BTreeMap<QualifiedName, BaseType>,
        #[serde(with = "crate::schema::as_list")]
        sequences: BTreeMap<QualifiedName, Sequence>,
        #[serde(with = "crate::schema::as_list")]
        tables: BTreeMap<QualifiedName, Table>,
        /// Stand-alone indexes. Indexes that back a PRIMARY KEY, UNIQUE or EXCLUDE constraint
        /// belong to the constraint and are not listed here.
        #[serde(with = "crate::schema::as_list")]
        indexes: BTreeMap<QualifiedName, Index>,
        /// Views and materialized views.
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        views: BTreeMap<QualifiedName, View>,
        /// Functions and procedures, keyed by schema, name and argument types.
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        functions: BTreeMap<ObjectId, Function>,
        /// Aggregates, keyed by schema, name and argument types (`*` for one over rows).
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        aggregates: BTreeMap<ObjectId, Aggregate>,
        /// Operators, keyed by schema, symbol and operand types (`NONE` for a prefix one's left).
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        operators: BTreeMap<ObjectId, Operator>,
        /// Row-level security policies, keyed by their table and name.
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        policies: BTreeMap<ObjectId, Policy>,
        /// Triggers, keyed by their table and name.
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        triggers: BTreeMap<ObjectId, Trigger>,
        /// Extended statistics objects (`CREATE STATISTICS`), keyed by their own name.
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        statistics: BTreeMap<QualifiedName, Statistics>,
        /// Rewrite rules, keyed by their relation and name.
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        rules: BTreeMap<ObjectId, Rule>,
        /// Objects a dialect defines (a hypertable, a retention policy, a distributed table),
        /// keyed by [`DialectObject::id`]: their kind and their name within it.
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        dialect_objects: BTreeMap<ObjectId, DialectObject>,
        /// Publications (`CREATE PUBLICATION`), keyed by their name (in no schema).
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        publications: BTreeMap<String, Publication>,
        /// Foreign-data wrappers (`CREATE FOREIGN DATA WRAPPER`), keyed by their name.
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        wrappers: BTreeMap<String, ForeignDataWrapper>,
        /// Foreign servers (`CREATE SERVER`), keyed by their name.
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        servers: BTreeMap<String, ForeignServer>,
        /// User mappings (`CREATE USER MAPPING`), keyed by their server and user.
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        user_mappings: BTreeMap<UserMappingKey, UserMapping>,
        /// Privileges (`GRANT`/`REVOKE`), managed only with `--with-privileges`: the entries of
        /// the objects' ACLs other than the owner's own, see [`Privilege`].
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        privileges: BTreeMap<PrivilegeKey, Privilege>,
        /// Default privileges (`ALTER DEFAULT PRIVILEGES`), managed only with
        /// `--with-privileges`: the items of `pg_default_acl` that differ from the defaults,
        /// see [`DefaultPrivilege`].
        #[serde(with = "crate::schema::as_list", skip_serializing_if = "BTreeMap::is_empty")]
        default_privileges: BTreeMap<DefaultPrivilegeKey, DefaultPrivilege>,
    }
    // The maps of objects that live on one relation and follow its renames and drops
    // ([`crate::references::RelationMember`]).
    members { triggers, policies, rules }
}

change_kinds! {
    built_in:
        CreateSchema,
        DropSchema,
        CreateExtension,
        DropExtension,
        AlterExtension,
        CreateCollation,
        DropCollation,
        CreateEnum,
        DropEnum,
        RenameEnumValue,
        CreateDomain,
        DropDomain,
        AlterDomain,
        CreateComposite,
        DropComposite,
        AlterComposite,
        CreateRange,
        DropRange,
        CreateShellType,
        DropShellType,
        CreateBaseType,
        DropBaseType,
        AlterBaseType,
        CreateSequence,
        DropSequence,
        AlterSequence,
        CreateTable,
        DropTable,
        SetInherits,
        RenameTable,
        RenameColumn,
        RenameConstraint,
        RenameIndex,
        RenameSequence,
        AddColumn,
        DropColumn,
        AlterColumn,
        AlterGeneration,
        AddConstraint,
        DropConstraint,
        AddKeyUsingIndex,
        DropKeyRestoringIndex,
        CreateIndex,
        DropIndex,
        SetIndexStorageParameters,
        CreateStatistics,
        DropStatistics,
        AlterStatistics,
        SetIndexStatistics,
        CreateFunction,
        DropFunction,
        ReplaceFunction,
        CreateTrigger,
        DropTrigger,
        SetTriggerState,
        CreateRule,
        DropRule,
        SetRuleState,
        CreateAggregate,
        DropAggregate,
        CreateOperator,
        DropOperator,
        CreatePolicy,
        DropPolicy,
        AlterPolicy,
        SetRowSecurity,
        SetReplicaIdentity,
        SetUnlogged,
        SetStorageParameters,
        SetClusterOn,
        CreateView,
        DropView,
        ReplaceView,
        SetViewOptions,
        SetViewDefaults,
        SetMatviewStorageParameters,
        SetMatviewStatistics,
        SetMatviewColumnOptions,
        AlterPublicationSchema,
        CreateForeignDataWrapper,
        DropForeignDataWrapper,
        AlterForeignDataWrapper,
        CreateForeignServer,
        DropForeignServer,
        AlterForeignServer,
        CreateUserMapping,
        DropUserMapping,
        AlterUserMapping;
    // Change types larger than the rest, held in a `Box` so every change stays small
    // (`change::tests::a_change_stays_small` names a type that should join them). The
    // dialect-object variant is boxed too.
    boxed:
        AlterEnum,
        SetSequenceOwner,
        SetPartition,
        SetOfType,
        SetConstraintValid,
        SetComment,
        AddPrivilege,
        RemovePrivilege,
        AddDefaultPrivilege,
        RemoveDefaultPrivilege,
        CreatePublication,
        DropPublication,
        AlterPublicationOptions,
        AlterPublicationTable,
        SetForeignTableOptions;
    dialect: DialectObject(DialectObjectChange);
}

/// The per-kind diff passes (see [`crate::diff`]), in the order their changes are listed.
/// The planner orders changes for execution; this order only breaks ties between otherwise
/// equal changes, so it is kept stable for deterministic output.
pub(crate) const DIFF_PASSES: &[Pass] = &[
    namespace::diff,
    extension::diff,
    collation::diff,
    enums::diff,
    domain::diff,
    composite::diff,
    range::diff,
    base_type::diff,
    sequence::diff,
    table::diff,
    index::diff,
    statistics::diff,
    view::diff,
    function::diff,
    policy::diff,
    trigger::diff,
    rule::diff,
    aggregate::diff,
    operator::diff,
    dialect_object::diff,
    publication::diff,
    foreign_data::diff,
    default_privilege::diff,
];

/// The kinds of object an [`ObjectId`](crate::identity::ObjectId) names. This file is the
/// registry of kinds: a new kind adds its variant here.
///
/// The order of the variants is part of [`ObjectId`](crate::identity::ObjectId)'s order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectKind {
    Schema,
    Extension,
    Type,
    /// The shell of a base type (`CREATE TYPE name;`), which its I/O functions need.
    ShellType,
    Sequence,
    /// A table, view or materialized view.
    Relation,
    Index,
    Function,
    Aggregate,
    Operator,
    Trigger,
    Policy,
    Rule,
    Constraint,
    Column,
    Collation,
    /// An extended statistics object (`CREATE STATISTICS`).
    Statistics,
    /// A publication (`CREATE PUBLICATION`), named in no schema.
    Publication,
    /// A foreign-data wrapper, named in no schema.
    ForeignDataWrapper,
    /// A foreign server, named in no schema.
    ForeignServer,
    /// A user mapping: its user's name on its server (the parent).
    UserMapping,
    /// A dialect-defined object, with its kind name (`hypertable`).
    Dialect(String),
}

/// How the ids of a kind are shaped, which says how their JSON form reads back
/// ([`ObjectId::decode`](crate::identity::ObjectId::decode)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdShape {
    /// A name of its own, in no schema (a schema, an extension).
    Global,
    /// A name in a schema (a type, a table).
    InSchema,
    /// A name and argument types in a schema (a function).
    Routine,
    /// A name on a table (a trigger, a policy).
    Member,
    /// A dialect object: its kind name and its name within the kind.
    Dialect,
}

impl ObjectKind {
    /// The shape of this kind's ids.
    pub fn shape(&self) -> IdShape {
        use ObjectKind::*;
        match self {
            Schema | Extension | Publication | ForeignDataWrapper | ForeignServer => {
                IdShape::Global
            }
            Type | ShellType | Sequence | Relation | Index | Collation | Statistics => {
                IdShape::InSchema
            }
            Function | Aggregate | Operator => IdShape::Routine,
            Trigger | Policy | Rule | Constraint | Column | UserMapping => IdShape::Member,
            Dialect(_) => IdShape::Dialect,
        }
    }
}
