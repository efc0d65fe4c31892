//! Object kinds, one module each: the core half of the vertical slices.
//!
//! A kind's module holds its IR (re-exported from [`crate::schema`], so the schema reads as
//! one model) and its change types with their [`ChangeKind`](crate::change::ChangeKind)
//! impls: name, ordering rank, inverse, dependencies, hazards and label. The dialect half of
//! each slice (loading, catalog, DDL) lives in the dialect crate, under the same kind name.
//!
//! Everything public is also re-exported here, so `use migrator_core::kinds::*` names every
//! change type.

pub mod aggregate;
pub mod column;
pub mod comment;
pub mod composite;
pub mod constraint;
pub mod dialect_object;
pub mod domain;
pub mod enums;
pub mod extension;
pub mod function;
pub mod index;
pub mod namespace;
pub mod operator;
pub mod policy;
pub mod privilege;
pub mod sequence;
pub mod table;
pub mod trigger;
pub mod view;

#[cfg(test)]
pub(crate) mod testkit;

pub use self::{
    aggregate::*, column::*, comment::*, composite::*, constraint::*, dialect_object::*, domain::*,
    enums::*, extension::*, function::*, index::*, namespace::*, operator::*, policy::*,
    privilege::*, sequence::*, table::*, trigger::*, view::*,
};

/// The kinds of object an [`ObjectId`](crate::identity::ObjectId) names. This file is the
/// registry of kinds: a new kind adds its variant here.
///
/// The order of the variants is part of [`ObjectId`](crate::identity::ObjectId)'s order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectKind {
    Schema,
    Extension,
    Type,
    Sequence,
    /// A table, view or materialized view.
    Relation,
    Index,
    Function,
    Aggregate,
    Operator,
    Trigger,
    Policy,
    Constraint,
    Column,
    /// A dialect-defined object, with its kind name (`hypertable`).
    Dialect(String),
}
