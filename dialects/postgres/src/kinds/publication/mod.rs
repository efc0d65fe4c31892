//! Publications: CREATE/ALTER/DROP PUBLICATION, COMMENT ON PUBLICATION and ALTER
//! PUBLICATION … RENAME TO.
//!
//! The PostgreSQL side of this object kind's slice: how it loads from a parsed statement
//! ([`load`]), how it is read from the catalog ([`catalog`]: `pg_publication`,
//! `pg_publication_rel` and `pg_publication_namespace` printed as `CREATE PUBLICATION`,
//! read back by the loader, so a row filter goes through the same normaliser as a file's)
//! and the DDL builders of its change kinds ([`ddl`]). Its IR, change types and diff live
//! in core (`migrator_core::kinds::publication`).

pub(crate) mod catalog;
pub(crate) mod ddl;
pub(crate) mod load;

/// This kind's row in the registry ([`crate::kinds::SLICES`]).
pub(crate) const SLICE: super::Slice = super::Slice {
    load: Some(load::statement),
    catalog: catalog::KIND,
    register: ddl::register,
};
