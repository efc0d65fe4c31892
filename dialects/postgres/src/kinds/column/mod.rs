//! Columns: ADD/DROP/ALTER/RENAME COLUMN, identity, generated columns, storage.
//!
//! The PostgreSQL side of this object kind's slice: how it loads from a parsed statement
//! ([`load`]), how it is read from the catalog ([`catalog`]) and the DDL builders of its
//! change kinds ([`ddl`]). Its IR, change types and diff live in core (`migrator_core::kinds`).

pub(crate) mod catalog;
pub(crate) mod ddl;
mod handover;
pub(crate) mod load;
pub(crate) mod storage;

/// This kind's row in the registry ([`crate::kinds::SLICES`]).
pub(crate) const SLICE: super::Slice = super::Slice {
    load: None,
    catalog: catalog::KIND,
    register: ddl::register,
};
