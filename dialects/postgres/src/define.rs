//! Reading the option list of `CREATE AGGREGATE` and `CREATE OPERATOR` (a `DefineStmt`):
//! a shared mechanism of the aggregate and operator slices.
//!
//! The SQL loader and introspection both come through here: introspection prints each
//! `pg_aggregate`/`pg_operator` row as a `CREATE` statement with every name qualified and
//! only the options that differ from PostgreSQL's defaults, and parses it like a file's
//! statement. Each kind rebuilds its definition from the parsed options (names resolved
//! through a [`Resolver`], types canonical, defaults dropped, a fixed order, see
//! [`Ranked`]), so it is both the key and the SQL emitted.

use crate::introspect::RowExt;
use crate::normalize::{const_text, strings, CanonicalType};
use crate::quote::quote_ident;
use migrator_core::dialect::LoadError;
use migrator_core::identity::ObjectId;
use migrator_core::kinds::comment::Commented;
use migrator_core::schema::{Expr, QualifiedName};
use pg_query::protobuf::{self as pb, node::Node as N};
use std::collections::BTreeMap;
use tokio_postgres::Row;

/// What an unqualified name in an option names, for [`Resolver::schema_of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A function: a user one along the path, else `pg_catalog`.
    Function,
    /// A commutator or negator: a user one along the path, else one created next to it.
    Operator,
    /// A sort operator: a user one along the path, else `pg_catalog`.
    SortOperator,
}

/// How the caller resolves names and types (the loader along its search path; the catalog
/// text is fully qualified).
pub trait Resolver {
    /// The schema of an unqualified function or operator name.
    fn schema_of(&self, kind: Kind, name: &str) -> String;
    /// The canonical form of a type name.
    fn type_of(&self, t: &pb::TypeName) -> Result<CanonicalType, String>;
    /// The schema unqualified new objects are created in.
    fn creation_schema(&self) -> String;
}

/// Qualifies an object name (`[schema.]name`).
pub(crate) fn object_name(
    names: &[String],
    r: &dyn Resolver,
    kind: Option<Kind>,
) -> R<QualifiedName> {
    match names {
        [n] => Ok(QualifiedName::new(
            match kind {
                Some(k) => r.schema_of(k, n),
                None => r.creation_schema(),
            },
            n.clone(),
        )),
        [s, n] | [_, s, n] => Ok(QualifiedName::new(s.clone(), n.clone())),
        _ => Err(format!("cannot read the name {}", names.join("."))),
    }
}

pub(crate) type R<T> = Result<T, String>;

/// The names an option's argument holds (`f`, `s.f`, `OPERATOR(s.<)`).
pub(crate) fn arg_names(arg: Option<&pb::Node>) -> Vec<String> {
    match arg.and_then(|a| a.node.as_ref()) {
        Some(N::TypeName(t)) => strings(&t.names),
        Some(N::List(l)) => strings(&l.items),
        Some(N::String(s)) => vec![s.sval.clone()],
        _ => vec![],
    }
}

pub(crate) fn function_ref(
    arg: Option<&pb::Node>,
    r: &dyn Resolver,
    refs: &mut Vec<QualifiedName>,
) -> R<String> {
    let q = object_name(&arg_names(arg), r, Some(Kind::Function))?;
    let text = format!("{}.{}", quote_ident(&q.schema), quote_ident(&q.name));
    if q.schema != "pg_catalog" {
        refs.push(q);
    }
    Ok(text)
}

pub(crate) fn operator_ref(
    arg: Option<&pb::Node>,
    r: &dyn Resolver,
    kind: Kind,
) -> R<QualifiedName> {
    object_name(&arg_names(arg), r, Some(kind))
}

pub(crate) fn operator_text(q: &QualifiedName) -> String {
    format!("OPERATOR({}.{})", quote_ident(&q.schema), q.name)
}

pub(crate) fn type_ref(
    arg: Option<&pb::Node>,
    r: &dyn Resolver,
    refs: &mut Vec<QualifiedName>,
) -> R<String> {
    let Some(N::TypeName(t)) = arg.and_then(|a| a.node.as_ref()) else {
        return Err("expected a type name".into());
    };
    let ct = r.type_of(t)?;
    refs.extend(ct.user_type);
    Ok(ct.text)
}

pub(crate) fn flag(arg: Option<&pb::Node>) -> bool {
    match arg {
        None => true,
        Some(a) => matches!(
            const_text(a).to_lowercase().as_str(),
            "true" | "on" | "1" | "yes"
        ),
    }
}

pub(crate) fn words(arg: Option<&pb::Node>) -> String {
    arg.map(const_text).unwrap_or_default().to_lowercase()
}

/// Options kept in a fixed order (`order` lists the option names), each at most once (a
/// later one replaces an earlier one), printed `NAME = value` or a bare `NAME`.
pub(crate) struct Ranked {
    order: &'static [&'static str],
    items: Vec<(usize, String)>,
}

impl Ranked {
    pub(crate) fn new(order: &'static [&'static str]) -> Ranked {
        Ranked {
            order,
            items: Vec::new(),
        }
    }

    /// Sets option `key` (lower case); an empty `value` is a flag.
    pub(crate) fn set(&mut self, key: &str, value: String) {
        let rank = self
            .order
            .iter()
            .position(|k| *k == key)
            .unwrap_or(self.order.len());
        let text = if value.is_empty() {
            key.to_uppercase()
        } else {
            format!("{} = {value}", key.to_uppercase())
        };
        self.items.retain(|(k, _)| *k != rank);
        self.items.push((rank, text));
    }

    /// True when option `key` is set.
    pub(crate) fn has(&self, key: &str) -> bool {
        let rank = self.order.iter().position(|k| *k == key);
        self.items.iter().any(|(k, _)| Some(*k) == rank)
    }

    /// The value option `key` is set to (`None` when it is unset or a flag).
    pub(crate) fn value(&self, key: &str) -> Option<String> {
        let rank = self.order.iter().position(|k| *k == key)?;
        let (_, text) = self.items.iter().find(|(k, _)| *k == rank)?;
        let prefix = format!("{} = ", key.to_uppercase());
        text.strip_prefix(&prefix).map(str::to_string)
    }

    /// Unsets option `key`.
    pub(crate) fn unset(&mut self, key: &str) {
        let rank = self.order.iter().position(|k| *k == key);
        self.items.retain(|(k, _)| Some(*k) != rank);
    }

    /// The options' text in their fixed order.
    pub(crate) fn texts(mut self) -> Vec<String> {
        self.items.sort();
        self.items.into_iter().map(|(_, t)| t).collect()
    }
}

/// The resolver of fully qualified text (the catalog's, or a definition built here): names
/// are all qualified; types are read as they are printed.
pub struct Qualified;

impl Resolver for Qualified {
    fn schema_of(&self, _: Kind, _: &str) -> String {
        "pg_catalog".to_string()
    }
    fn type_of(&self, t: &pb::TypeName) -> R<CanonicalType> {
        crate::normalize::canonical_type(t, "public")
    }
    fn creation_schema(&self) -> String {
        "public".to_string()
    }
}

/// Builds the object a catalog row's `CREATE AGGREGATE | OPERATOR` text defines (names all
/// qualified) with `build`; `None` when the text is another statement.
pub(crate) fn from_catalog<T>(
    sql: &str,
    build: fn(&pb::DefineStmt, &dyn Resolver) -> R<T>,
) -> Result<Option<T>, LoadError> {
    match crate::introspect::first_statement(sql)? {
        N::DefineStmt(s) => build(&s, &Qualified).map(Some).map_err(LoadError::Other),
        _ => Ok(None),
    }
}

/// Reads the rows of an aggregate or operator catalog query into `map`: each row's
/// `definition` (the printed `CREATE` statement) built by `build`, keyed by `id`, with the
/// row's `comment`.
pub(crate) fn read_defined<T: Commented>(
    rows: Vec<Row>,
    build: fn(&pb::DefineStmt, &dyn Resolver) -> R<T>,
    id: fn(&T) -> &ObjectId,
    map: &mut BTreeMap<ObjectId, T>,
) -> Result<(), LoadError> {
    for row in rows {
        let def: String = row.col("definition")?;
        if let Some(mut object) = from_catalog(&def, build)? {
            *object.comment_mut() = row.col("comment")?;
            map.insert(id(&object).clone(), object);
        }
    }
    Ok(())
}

/// The definition of an aggregate or operator: its built `CREATE` text (already canonical,
/// so its own key) and the functions, operators and types it names (`refs`, sorted here).
pub(crate) fn definition(sql: String, mut refs: Vec<QualifiedName>) -> Expr {
    refs.sort();
    refs.dedup();
    Expr {
        key: sql.clone(),
        sql,
        refs,
        columns: vec![],
    }
}
