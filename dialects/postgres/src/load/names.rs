//! Name resolution: the search path, and which names are taken.
//!
//! Every kind resolves the names a statement gives the way PostgreSQL does: a qualified
//! name is taken as written, an unqualified one is looked up along the `search_path` the
//! files set (`SET search_path`, `set_config('search_path', …)`) and created in its first
//! schema. Implicit names (`users_pkey`, `orders_user_id_fkey`) must avoid the names
//! already taken in a schema; the caches of those names live here too.

use super::{Loader, R};
use crate::normalize::{canonical_type, const_text, expr_from_node, strings, CanonicalType};
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N, Node};

impl Loader {
    /// `SET search_path …`: the path unqualified names resolve along from now on.
    pub(crate) fn set_search_path(&mut self, s: &pb::VariableSetStmt) {
        if s.name == "search_path" {
            let kind =
                pb::VariableSetKind::try_from(s.kind).unwrap_or(pb::VariableSetKind::Undefined);
            self.search_path = match kind {
                pb::VariableSetKind::VarSetValue => Some(
                    s.args
                        .iter()
                        .map(const_text)
                        .filter(|p| on_path(p))
                        .collect(),
                ),
                _ => None,
            };
        }
    }

    /// A `SELECT`: `set_config('search_path', …)` sets the path; any other is skipped with a
    /// warning.
    pub(crate) fn select(&mut self, s: &pb::SelectStmt) {
        let func = s.target_list.first().and_then(|t| match &t.node {
            Some(N::ResTarget(r)) => match r.val.as_deref().and_then(|v| v.node.as_ref()) {
                Some(N::FuncCall(f)) => Some(f.clone()),
                _ => None,
            },
            _ => None,
        });
        let Some(f) = func else {
            self.warn("skipped: a SELECT is not schema DDL");
            return;
        };
        let name = strings(&f.funcname).join(".");
        if name.ends_with("set_config")
            && f.args.first().map(const_text).as_deref() == Some("search_path")
        {
            let path = f.args.get(1).map(const_text).unwrap_or_default();
            let parts: Vec<String> = path
                .split(',')
                .map(|p| p.trim().trim_matches('"').to_string())
                .filter(|p| on_path(p))
                .collect();
            self.search_path = Some(parts);
            return;
        }
        self.warn(format!(
            "skipped: `SELECT {name}(…)` is not PostgreSQL schema DDL (it may belong to another dialect, e.g. timescale)"
        ));
    }

    /// How unqualified names resolve at this point of the files.
    pub(crate) fn names(&self) -> SearchPath<'_> {
        SearchPath::new(self.search_path.as_deref())
    }

    /// The schema unqualified names are created in.
    pub(crate) fn creation_schema(&self) -> String {
        self.names().creation_schema()
    }

    /// See [`SearchPath::resolve`].
    pub(crate) fn resolve(
        &self,
        schema: &str,
        name: &str,
        exists: impl Fn(&QualifiedName) -> bool,
    ) -> QualifiedName {
        self.names().resolve(schema, name, exists)
    }

    /// The `ObjectWithArgs` a statement names a routine, aggregate or operator with
    /// (`expected` says which, for the error), and its name resolved along the search path.
    pub(crate) fn with_args<'n>(
        &self,
        obj: Option<&'n Node>,
        expected: &str,
        exists: impl Fn(&QualifiedName) -> bool,
    ) -> R<(&'n pb::ObjectWithArgs, QualifiedName)> {
        let Some(N::ObjectWithArgs(o)) = obj.and_then(|o| o.node.as_ref()) else {
            return Err(format!("expected {expected}"));
        };
        let name = self.qualified(&strings(&o.objname), exists)?;
        Ok((o, name))
    }

    /// The key of the `kind` routine (function, aggregate or operator) that `o` names as
    /// `name`: the canonical types of its arguments, where `none` stands for one that is no
    /// type (an operator's `NONE`), otherwise left out. An aggregate without any is `agg(*)`.
    pub(crate) fn routine_key(
        &self,
        kind: ObjectKind,
        o: &pb::ObjectWithArgs,
        name: &QualifiedName,
        none: Option<&str>,
    ) -> R<ObjectId> {
        let mut types = Vec::new();
        for a in &o.objargs {
            match &a.node {
                Some(N::TypeName(t)) => types.push(self.type_of(t)?.text),
                _ => types.extend(none.map(str::to_string)),
            }
        }
        if types.is_empty() && kind == ObjectKind::Aggregate {
            types.push("*".to_string());
        }
        Ok(ObjectId::routine(kind, &name.schema, &name.name, types))
    }

    /// Resolves a table name.
    pub(crate) fn table_name(&self, rv: &pb::RangeVar) -> QualifiedName {
        self.resolve(&rv.schemaname, &rv.relname, |q| {
            self.schema.tables.contains_key(q)
        })
    }

    /// Resolves a table or view name.
    pub(crate) fn relation_name(&self, rv: &pb::RangeVar) -> QualifiedName {
        self.resolve(&rv.schemaname, &rv.relname, |q| {
            self.schema.tables.contains_key(q) || self.schema.views.contains_key(q)
        })
    }

    /// See [`SearchPath::new_name`].
    pub(crate) fn new_name(&self, rv: &pb::RangeVar) -> QualifiedName {
        self.names().new_name(rv)
    }

    /// See [`SearchPath::qualified`].
    pub(crate) fn qualified(
        &self,
        names: &[String],
        exists: impl Fn(&QualifiedName) -> bool,
    ) -> R<QualifiedName> {
        self.names().qualified(names, exists)
    }

    /// A type in canonical form; an unqualified user type resolves along the search path.
    pub(crate) fn type_of(&self, t: &pb::TypeName) -> R<CanonicalType> {
        let mut ct = canonical_type(t, &self.creation_schema())?;
        // An unqualified user type resolves along the search path.
        if let Some(q) = &ct.user_type {
            if strings(&t.names).len() == 1 {
                let resolved = self.resolve("", &q.name, |q| self.is_user_type(q));
                if &resolved != q {
                    let with_schema = pb::TypeName {
                        names: vec![string_node(&resolved.schema), string_node(&resolved.name)],
                        ..t.clone()
                    };
                    ct = canonical_type(&with_schema, "public")?;
                }
            }
        }
        if let Some(q) = &ct.user_type {
            self.uses.borrow_mut().ty(q, &self.file, self.line);
        }
        Ok(ct)
    }

    /// An expression in canonical form (unqualified names in the creation schema), with the
    /// user operators it uses among its `refs` (`crate::kinds::operator::uses`).
    pub(crate) fn expr(&self, n: &Node) -> R<Expr> {
        let mut e = expr_from_node(n, &self.creation_schema())?;
        let operators = self.operators_used(n);
        if !operators.is_empty() {
            e.refs.extend(operators);
            e.refs.sort();
            e.refs.dedup();
        }
        Ok(e)
    }

    /// The key of a trigger or policy named as `[schema.]table.name`: the table's schema
    /// and `table.name`.
    pub(crate) fn member_id(&self, kind: ObjectKind, names: &[String]) -> R<ObjectId> {
        let (table, name) = self.table_member(names, "a trigger without a name")?;
        Ok(ObjectId::member(kind, &table, name.clone()))
    }

    /// `[schema.]table.name` (a column, constraint, trigger or policy) split into its table,
    /// resolved along the search path, and its name; `unnamed` is the error for no names.
    pub(crate) fn table_member<'n>(
        &self,
        names: &'n [String],
        unnamed: &str,
    ) -> R<(QualifiedName, &'n String)> {
        let (name, rel) = names.split_last().ok_or_else(|| unnamed.to_string())?;
        let table = self.qualified(rel, |q| self.schema.tables.contains_key(q))?;
        Ok((table, name))
    }

    /// True when `q` names a user-defined type (enum, domain, composite, range or the
    /// multirange type of a range, base type or the shell of one).
    pub(crate) fn is_user_type(&self, q: &QualifiedName) -> bool {
        self.schema.enums.contains_key(q)
            || self.schema.domains.contains_key(q)
            || self.schema.composites.contains_key(q)
            || self.schema.ranges.contains_key(q)
            || self.range_of_multirange(q).is_some()
            || self.schema.base_types.contains_key(q)
            || self.shells.contains_key(q)
    }

    /// True when a table of `table`'s schema other than `table` has a constraint `name`.
    pub(crate) fn constraint_name_taken(&self, table: &QualifiedName, name: &str) -> bool {
        let mut cache = self.constraint_names.borrow_mut();
        cache
            .get_or_insert_with(|| {
                self.schema
                    .tables
                    .values()
                    .flat_map(constraint_names)
                    .collect()
            })
            .contains(&QualifiedName::new(table.schema.clone(), name))
    }

    /// True when a table, sequence, index or index-backed constraint of `schema` is `name`.
    pub(crate) fn relation_name_taken(&self, schema: &str, name: &str) -> bool {
        let q = QualifiedName::new(schema, name);
        if self.schema.tables.contains_key(&q)
            || self.schema.sequences.contains_key(&q)
            || self.schema.indexes.contains_key(&q)
        {
            return true;
        }
        let mut cache = self.constraint_relations.borrow_mut();
        cache
            .get_or_insert_with(|| {
                self.schema
                    .tables
                    .values()
                    .flat_map(index_backed_names)
                    .collect()
            })
            .contains(&q)
    }

    /// Forgets the relation-name cache after a statement that may remove a constraint.
    pub(crate) fn invalidate_relation_names(&mut self) {
        *self.constraint_relations.get_mut() = None;
        *self.constraint_names.get_mut() = None;
    }
}

/// The search path at one point of the files: how the loader resolves an unqualified
/// name, and where it creates one. Dialects built on PostgreSQL resolve their names with it
/// too (see [`crate::load::StatementContext::names`]).
#[derive(Debug, Clone, Copy)]
pub struct SearchPath<'a> {
    /// `None` until the files set one: then only `public`.
    path: Option<&'a [String]>,
}

impl<'a> SearchPath<'a> {
    /// The path `SET search_path` gave, or `None` when none was set.
    pub(crate) fn new(path: Option<&'a [String]>) -> Self {
        SearchPath { path }
    }

    /// The schemas unqualified names are looked up in, in order.
    pub fn schemas(&self) -> impl Iterator<Item = &'a str> {
        let default = self.path.is_none().then_some("public");
        self.path
            .into_iter()
            .flatten()
            .map(String::as_str)
            .chain(default)
    }

    /// The schema unqualified names are created in: the first of the path.
    pub fn creation_schema(&self) -> String {
        self.path
            .and_then(|p| p.first().cloned())
            .unwrap_or_else(|| "public".to_string())
    }

    /// `schema.name` as written; an unqualified `name` (`schema` empty) in the first schema
    /// of the path where `exists` finds it, else in the creation schema.
    pub fn resolve(
        &self,
        schema: &str,
        name: &str,
        exists: impl Fn(&QualifiedName) -> bool,
    ) -> QualifiedName {
        if !schema.is_empty() {
            return QualifiedName::new(schema, name);
        }
        for s in self.schemas() {
            let q = QualifiedName::new(s, name);
            if exists(&q) {
                return q;
            }
        }
        QualifiedName::new(self.creation_schema(), name)
    }

    /// The name of a relation being created.
    pub fn new_name(&self, rv: &pb::RangeVar) -> QualifiedName {
        if rv.schemaname.is_empty() {
            QualifiedName::new(self.creation_schema(), rv.relname.clone())
        } else {
            QualifiedName::new(rv.schemaname.clone(), rv.relname.clone())
        }
    }

    /// A name given as a list (`name`, `schema.name`, `database.schema.name`), resolved
    /// as [`Self::resolve`] does.
    pub fn qualified(
        &self,
        names: &[String],
        exists: impl Fn(&QualifiedName) -> bool,
    ) -> R<QualifiedName> {
        match names {
            [n] => Ok(self.resolve("", n, exists)),
            [s, n] => Ok(QualifiedName::new(s.clone(), n.clone())),
            [_, s, n] => Ok(QualifiedName::new(s.clone(), n.clone())),
            _ => Err(format!("cannot read the name {}", names.join("."))),
        }
    }
}

/// Whether an entry of a `search_path` names a schema the files' objects can be in:
/// `"$user"` stands for a schema named after the role, which the files cannot know of
/// (PostgreSQL skips it when there is none), and an empty entry for nothing.
fn on_path(entry: &str) -> bool {
    !entry.is_empty() && entry != "$user"
}

/// The names of all constraints of `t`, qualified by its schema.
pub(crate) fn constraint_names(t: &Table) -> impl Iterator<Item = QualifiedName> + '_ {
    t.constraints
        .keys()
        .map(|c| QualifiedName::new(t.name.schema.clone(), c.clone()))
}

/// The relation names the index-backed constraints of `t` occupy.
pub(crate) fn index_backed_names(t: &Table) -> impl Iterator<Item = QualifiedName> + '_ {
    t.constraints
        .values()
        .filter(|c| {
            matches!(
                c.kind,
                ConstraintKind::PrimaryKey { .. }
                    | ConstraintKind::Unique { .. }
                    | ConstraintKind::Exclude { .. }
            )
        })
        .map(|c| QualifiedName::new(t.name.schema.clone(), c.name.clone()))
}

/// A string node, as pg_query writes a name part.
pub(crate) fn string_node(s: &str) -> Node {
    Node {
        node: Some(N::String(pb::String {
            sval: s.to_string(),
        })),
    }
}

/// A role as a policy names it; `CURRENT_USER` and friends stay keywords.
pub(crate) fn role_name(r: &pb::RoleSpec) -> String {
    match pb::RoleSpecType::try_from(r.roletype).unwrap_or(pb::RoleSpecType::Undefined) {
        pb::RoleSpecType::RolespecPublic => "public".into(),
        pb::RoleSpecType::RolespecCurrentUser => "current_user".into(),
        pb::RoleSpecType::RolespecCurrentRole => "current_role".into(),
        pb::RoleSpecType::RolespecSessionUser => "session_user".into(),
        _ => r.rolename.clone(),
    }
}

impl crate::query::Relations for Loader {
    fn resolve(&self, schema: &str, name: &str) -> QualifiedName {
        Loader::resolve(self, schema, name, |q| {
            self.schema.tables.contains_key(q) || self.schema.views.contains_key(q)
        })
    }

    fn columns(&self, name: &QualifiedName) -> Option<Vec<String>> {
        if let Some(t) = self.schema.tables.get(name) {
            return Some(t.columns.iter().map(|c| c.name.clone()).collect());
        }
        self.schema.views.get(name).map(|v| v.columns.clone())
    }

    fn column_type(&self, relation: &QualifiedName, column: &str) -> Option<String> {
        let t = self.schema.tables.get(relation)?;
        let c = t.columns.iter().find(|c| c.name == column)?;
        Some(c.data_type.clone())
    }
}
