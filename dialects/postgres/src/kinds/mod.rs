//! Object kinds, one module each: the vertical slices of the PostgreSQL dialect.
//!
//! Each kind's module holds its loader hooks, its catalog query and row mapping, and its
//! DDL builders. Mechanisms every kind shares (name resolution, normalisation, quoting) stay
//! outside, in the crate's top-level modules.

pub(crate) mod aggregate;
pub(crate) mod column;
pub(crate) mod comment;
pub(crate) mod composite;
pub(crate) mod constraint;
pub(crate) mod domain;
pub(crate) mod enums;
pub(crate) mod extension;
pub(crate) mod function;
pub(crate) mod index;
pub(crate) mod namespace;
pub(crate) mod operator;
pub(crate) mod policy;
pub(crate) mod privilege;
pub(crate) mod sequence;
pub(crate) mod table;
pub(crate) mod trigger;
pub(crate) mod view;
