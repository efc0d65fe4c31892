//! Tables: CREATE/DROP/RENAME TABLE, partitions, inheritance, typed tables (`OF type`) and
//! row security.
//!
//! The PostgreSQL side of this object kind's slice: how it loads from a parsed statement
//! ([`load`]), how it is read from the catalog ([`catalog`]) and the DDL builders of its
//! change kinds ([`ddl`]). Its IR, change types and diff live in core (`migrator_core::kinds`).

pub(crate) mod catalog;
pub(crate) mod ddl;
pub(crate) mod inherits;
pub(crate) mod like;
pub(crate) mod load;
pub(crate) mod partition;
pub(crate) mod typed;

/// This kind's row in the registry ([`crate::kinds::SLICES`]).
pub(crate) const SLICE: super::Slice = super::Slice {
    load: Some(load::statement),
    catalog: catalog::KIND,
    register: ddl::register,
};
