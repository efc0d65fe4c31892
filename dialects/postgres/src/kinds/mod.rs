//! Object kinds, one module each: the vertical slices of the PostgreSQL dialect.
//!
//! Each kind's module holds its loader hooks, its catalog query and row mapping, and its
//! DDL builders. Mechanisms every kind shares (name resolution, normalisation, quoting) stay
//! outside, in the crate's top-level modules.
//!
//! This file is also the registry: [`SLICES`] lists each kind's [`Slice`] once, and the
//! loader, the introspection and the builder registry take the kinds from it.

/// Defines a kind's [`LoadHook`], `statement`: each statement the kind owns goes to the
/// `Loader` method named beside it; a statement that also names an object type is matched
/// on it too (`DefineStmt[kind = ObjectAggregate]`). Any other statement is `None`: not the
/// kind's, the next kind is asked.
macro_rules! statement_hook {
    ($($stmt:ident $([$field:ident = $ot:ident])? => $method:ident),+ $(,)?) => {
        /// The statements this kind owns, offered to it by [`crate::load::Loader::apply`];
        /// `None`: not this kind's.
        pub(crate) fn statement(
            l: &mut crate::load::Loader,
            node: &pg_query::protobuf::node::Node,
        ) -> Option<crate::load::R<()>> {
            match node {
                $(pg_query::protobuf::node::Node::$stmt(s)
                    $(if s.$field == pg_query::protobuf::ObjectType::$ot as i32)? => Some(l.$method(s)),)+
                _ => None,
            }
        }
    };
}

pub(crate) mod aggregate;
pub(crate) mod base_type;
pub(crate) mod collation;
pub(crate) mod column;
pub(crate) mod comment;
pub(crate) mod composite;
pub(crate) mod constraint;
pub(crate) mod default_privilege;
pub(crate) mod domain;
pub(crate) mod enums;
pub(crate) mod extension;
pub(crate) mod foreign_data;
pub(crate) mod function;
pub(crate) mod index;
pub(crate) mod namespace;
pub(crate) mod operator;
pub(crate) mod policy;
pub(crate) mod privilege;
pub(crate) mod publication;
pub(crate) mod range;
pub(crate) mod rule;
pub(crate) mod sequence;
pub(crate) mod statistics;
pub(crate) mod table;
pub(crate) mod trigger;
pub(crate) mod view;

use crate::introspect::CatalogKind;
use crate::load::{Loader, R};
use migrator_core::dialect::Registry;
use pg_query::protobuf::node::Node as N;

/// A kind's loader hook: applies a statement the kind owns, or `None` when the statement is
/// not the kind's (sqlparser-rs's pattern), so the next kind is asked.
pub(crate) type LoadHook = fn(&mut Loader, &N) -> Option<R<()>>;

/// The PostgreSQL half of one object kind, as the registry lists it.
pub(crate) struct Slice {
    /// The statements it owns; `None` for kinds that only come in sub-commands of another
    /// statement (columns and constraints in `CREATE`/`ALTER TABLE`).
    pub load: Option<LoadHook>,
    /// Its catalog query and row mapping.
    pub catalog: CatalogKind,
    /// Registers its DDL builders and transaction rules.
    pub register: fn(&mut Registry),
}

/// Every kind, one row each, in the order the catalog is read (which matters):
/// - the comments come first: every kind after them takes its own;
/// - tables before columns before constraints (columns are added to their table; the
///   constraints name their columns by number), and functions after the columns (the
///   queries of SQL-standard bodies are canonicalised against the tables' columns), and
///   base types after the functions (they mark their I/O functions as created on the
///   type's shell);
/// - constraints, views and indexes queue catalog SQL for the interpreter, which reads it
///   in this order once every kind is read (an index may be on a materialized view);
/// - the privileges last (those of functions find them by OID).
///
/// Loading offers each statement to the kinds in this order too; no two kinds claim the
/// same statement.
pub(crate) const SLICES: &[Slice] = &[
    comment::SLICE,
    namespace::SLICE,
    extension::SLICE,
    foreign_data::SLICE,
    collation::SLICE,
    enums::SLICE,
    domain::SLICE,
    composite::SLICE,
    range::SLICE,
    sequence::SLICE,
    table::SLICE,
    column::SLICE,
    constraint::SLICE,
    view::SLICE,
    function::SLICE,
    base_type::SLICE,
    trigger::SLICE,
    policy::SLICE,
    index::SLICE,
    statistics::SLICE,
    aggregate::SLICE,
    operator::SLICE,
    rule::SLICE,
    publication::SLICE,
    privilege::SLICE,
    default_privilege::SLICE,
];
