//! The user operators an expression or a query uses.
//!
//! PostgreSQL ties a view, an index's expression or predicate, a column default, a CHECK
//! (of a table or a domain), a domain default and a policy to each operator it uses
//! (`pg_depend`), and refuses to drop that operator while they stand. Their expressions and
//! queries record the user operators they use in their `refs` (every expression the loader
//! reads, `Loader::expr`, and view queries), by schema and symbol (the name every overload
//! of the symbol shares, as calls record a routine by name), so the diff's cascade takes
//! them off and puts them back around an operator dropped and created, and the planner
//! creates them after it. An EXCLUDE constraint records the operators it names (`WITH
//! op`) too, though only a user operator class, which migrator does not model, can make
//! one a user operator. The live catalog's defaults, CHECKs and policies are normalised
//! without the loader: theirs come from `pg_depend` ([`super::dependents`]).
//!
//! Built-in operators are left out: an operator qualified with `pg_catalog`, or unqualified
//! and defined by no file along the search path. The catalog, read with an empty search
//! path, qualifies every user operator (`OPERATOR(public.===)`), and a file names one
//! after defining it, as PostgreSQL needs, so both sides record the same operators.

use crate::load::Loader;
use crate::normalize::strings;
use migrator_core::schema::QualifiedName;
use pg_query::protobuf::{self as pb, node::Node as N, Node};
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

    /// The user operators an EXCLUDE constraint names (`WITH ===`) and its predicate uses,
    /// sorted.
    pub(crate) fn exclusion_operators(&self, c: &pb::Constraint) -> Vec<QualifiedName> {
        let named = c.exclusions.iter().filter_map(|e| match &e.node {
            Some(N::List(l)) => match l.items.get(1).and_then(|o| o.node.as_ref()) {
                Some(N::List(o)) => self.user_operator(&strings(&o.items)),
                _ => None,
            },
            _ => None,
        });
        let mut out: Vec<QualifiedName> = named.collect();
        if let Some(w) = c.where_clause.as_deref() {
            out.extend(self.operators_used(w));
        }
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

#[cfg(test)]
mod tests {
    use crate::load::Loader;
    use migrator_core::kinds::ConstraintKind;
    use migrator_core::schema::QualifiedName;

    /// A column default, a CHECK, a policy, a domain's CHECK and default and an EXCLUDE
    /// constraint record the user operators they use, unqualified or qualified, and not the
    /// built-in ones.
    #[test]
    fn expressions_record_the_user_operators_they_use() {
        let mut l = Loader::default();
        l.load_text(
            "ops.sql",
            "CREATE SCHEMA util;
             CREATE FUNCTION gap(x int, y int) RETURNS int LANGUAGE sql AS $$ SELECT x - y $$;
             CREATE OPERATOR <<>> (LEFTARG = int, RIGHTARG = int, FUNCTION = gap);
             CREATE OPERATOR util.## (RIGHTARG = int, FUNCTION = gap);
             CREATE DOMAIN d AS int DEFAULT (1 <<>> 2) CHECK (VALUE <<>> 0 < 9);
             CREATE TABLE t (a int DEFAULT (OPERATOR(util.##) 2), b int DEFAULT 1 + 2,
                 CONSTRAINT near CHECK (a <<>> b < 10));
             CREATE POLICY p ON t USING (a <<>> b < 5);
             CREATE TABLE e (a int, b int, EXCLUDE USING hash (a WITH <<>>, b WITH =));",
        )
        .unwrap();
        let ops = |e: &migrator_core::schema::Expr| -> Vec<String> {
            e.refs.iter().map(|r| r.to_string()).collect()
        };
        let s = &l.schema;
        let t = &s.tables[&QualifiedName::new("public", "t")];
        assert_eq!(ops(t.columns[0].default.as_ref().unwrap()), ["util.##"]);
        assert!(ops(t.columns[1].default.as_ref().unwrap()).is_empty());
        let ConstraintKind::Check { expr, .. } = &t.constraints["near"].kind else {
            panic!("not a CHECK");
        };
        assert_eq!(ops(expr), ["public.<<>>"]);
        let p = s.policies.values().next().unwrap();
        assert_eq!(ops(p.using.as_ref().unwrap()), ["public.<<>>"]);
        let d = &s.domains[&QualifiedName::new("public", "d")];
        assert_eq!(ops(d.default.as_ref().unwrap()), ["public.<<>>"]);
        assert_eq!(ops(&d.checks["d_check"]), ["public.<<>>"]);
        let e = &s.tables[&QualifiedName::new("public", "e")];
        let ConstraintKind::Exclude { definition } = &e.constraints["e_a_b_excl"].kind else {
            panic!("not an EXCLUDE");
        };
        assert_eq!(ops(definition), ["public.<<>>"]);
    }
}
