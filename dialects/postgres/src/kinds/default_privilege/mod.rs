//! Default privileges: `ALTER DEFAULT PRIVILEGES` and `pg_default_acl` (with
//! --with-privileges).
//!
//! The PostgreSQL side of this object kind's slice: how it loads from a parsed statement,
//! and what it gives the objects created after it ([`load`]), how it is read from the
//! catalog ([`catalog`]) and the DDL builders of its change kinds ([`ddl`]). Its IR, change
//! types and diff live in core (`migrator_core::kinds::default_privilege`).

pub(crate) mod catalog;
pub(crate) mod ddl;
pub(crate) mod load;

/// This kind's row in the registry ([`crate::kinds::SLICES`]).
pub(crate) const SLICE: super::Slice = super::Slice {
    load: Some(load::statement),
    catalog: catalog::KIND,
    register: ddl::register,
};

#[cfg(test)]
mod tests;
