//! Foreign data: CREATE/ALTER/DROP FOREIGN DATA WRAPPER, SERVER and USER MAPPING, their
//! comments and renames, and what is foreign about foreign tables (their server and
//! options, each column's options).
//!
//! The PostgreSQL side of this kind's slice: how it loads from a parsed statement
//! ([`load`]), how it is read from the catalog ([`catalog`]: printed as SQL and read back
//! by the loader) and the DDL builders of its change kinds ([`ddl`]). Its IR, change types
//! and diff live in core (`migrator_core::kinds::foreign_data`, and `table/foreign.rs`).

pub(crate) mod catalog;
pub(crate) mod ddl;
pub(crate) mod load;

/// This kind's row in the registry ([`crate::kinds::SLICES`]).
pub(crate) const SLICE: super::Slice = super::Slice {
    load: Some(load::statement),
    catalog: catalog::KIND,
    register: ddl::register,
};
