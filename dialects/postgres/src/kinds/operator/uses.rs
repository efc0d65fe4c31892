//! The user operators an expression or a query uses.
//!
//! PostgreSQL ties a view, or an index's expression or predicate, to each operator it uses
//! (`pg_depend`), and refuses to drop that operator while they stand. Views and indexes
//! record the user operators they use in their `refs`, by schema and symbol (the name
//! every overload of the symbol shares, as calls record a routine by name), so the diff's
//! cascade takes them off and puts them back around an operator dropped and created, and
//! the planner creates them after it.
//!
//! Built-in operators are left out: an operator qualified with `pg_catalog`, or unqualified
//! and defined by no file along the search path. The catalog, read with an empty search
//! path, qualifies every user operator (`OPERATOR(public.===)`), and a file names one
//! after defining it, as PostgreSQL needs, so both sides record the same operators.

use crate::load::Loader;
use crate::normalize::strings;
use migrator_core::schema::QualifiedName;
use pg_query::protobuf::Node;
use pg_query::NodeRef;

impl Loader {
    /// The user operators `node` uses (in any sub-expression or sub-query), sorted.
    pub(crate) fn operators_used(&self, node: &Node) -> Vec<QualifiedName> {
        let Some(inner) = node.node.as_ref() else {
            return Vec::new();
        };
        let mut out: Vec<QualifiedName> = inner
            .nodes()
            .into_iter()
            .filter_map(|(n, ..)| match n {
                NodeRef::AExpr(e) => self.user_operator(&strings(&e.name)),
                _ => None,
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The user operator a name (`===`, `public.===`) stands for, by schema and symbol.
    fn user_operator(&self, names: &[String]) -> Option<QualifiedName> {
        match names {
            [schema, _] if schema == "pg_catalog" => None,
            [schema, symbol] => Some(QualifiedName::new(schema.clone(), symbol.clone())),
            [symbol] => self
                .names()
                .schemas()
                .map(|s| QualifiedName::new(s, symbol.clone()))
                .find(|q| self.schema.operators.values().any(|o| o.name == *q)),
            _ => None,
        }
    }
}
