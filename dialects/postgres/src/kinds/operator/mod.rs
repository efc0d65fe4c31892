//! Operators: CREATE/DROP OPERATOR.
//!
//! The PostgreSQL side of this object kind's slice: how it loads from a parsed statement
//! ([`load`]), how it is read from the catalog ([`catalog`]), the DDL builders of its
//! change kinds ([`ddl`]), the user operators expressions and queries use ([`uses`]), and
//! the live expressions that depend on an operator ([`dependents`]). Its IR,
//! change types and diff live in core (`migrator_core::kinds`).

pub(crate) mod catalog;
pub(crate) mod ddl;
pub(crate) mod define;
pub(crate) mod dependents;
pub(crate) mod load;
pub(crate) mod uses;

/// This kind's row in the registry ([`crate::kinds::SLICES`]).
pub(crate) const SLICE: super::Slice = super::Slice {
    load: Some(load::statement),
    catalog: catalog::KIND,
    register: ddl::register,
};
