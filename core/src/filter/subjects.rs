//! What a filter sees of each kind of object: its kind name, schema and name, and the
//! objects it goes with.
//!
//! Every map of [`Schema`](crate::schema::Schema) holds values that implement
//! [`Filterable`] (`schema_maps!` visits them all through [`MapVisitor`]), so a new kind
//! does not compile until it says how filters see it.

use crate::identity::{ObjectId, ObjectKind};
use crate::kinds::{
    Aggregate, BaseType, Collation, CompositeType, DialectObject, Domain, EnumType, Extension,
    ForeignDataWrapper, ForeignServer, Function, Index, Namespace, Operator, Policy, Privilege,
    PrivilegeObject, Publication, RangeType, Rule, Sequence, Statistics, Table, Trigger,
    UserMapping, View,
};
use crate::schema::QualifiedName;
use std::collections::BTreeMap;

/// Which patterns can match an object by its own name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// Patterns with no kind, and those naming its kind.
    Any,
    /// Only patterns naming its kind (`trigger:…`): a member of a relation, whose name is
    /// not a name in its schema.
    Kind,
    /// No pattern: it only goes with the objects it follows (a privilege).
    Nothing,
}

/// One object as filters see it.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The kind names patterns may use for it, the one messages use first (`table`, then
    /// `relation`).
    pub kinds: Vec<String>,
    pub matched_by: MatchedBy,
    /// The schema it is in; `None` for schemas and extensions.
    pub schema: Option<String>,
    /// Its own name (in its schema, on its relation, or within its dialect kind).
    pub name: String,
    /// The schema `schemas = [...]` tests: the one it is in, or for a schema itself its
    /// own name; `None` for objects in no schema (extensions).
    pub namespace: Option<String>,
    /// Its identity, for the objects that go with it.
    pub id: Option<ObjectId>,
    /// The objects it goes with: excluded when any of them is.
    pub follows: Vec<ObjectId>,
    /// How messages name it: `table public.events_p1`.
    pub label: String,
}

impl Subject {
    /// An object `name` in `schema`, matched by any pattern.
    fn in_schema(kind: &str, q: &QualifiedName, id: ObjectId) -> Subject {
        Subject {
            kinds: vec![kind.to_string()],
            matched_by: MatchedBy::Any,
            schema: Some(q.schema.clone()),
            name: q.name.clone(),
            namespace: Some(q.schema.clone()),
            id: Some(id),
            follows: Vec::new(),
            label: format!("{kind} {q}"),
        }
    }

    /// A schema or an extension: a name of its own, in no schema.
    fn global(kind: &str, name: &str, id: ObjectId, namespace: Option<String>) -> Subject {
        Subject {
            kinds: vec![kind.to_string()],
            matched_by: MatchedBy::Any,
            schema: None,
            name: name.to_string(),
            namespace,
            id: Some(id),
            follows: Vec::new(),
            label: format!("{kind} {name}"),
        }
    }

    /// A member `name` of `relation` (a trigger, a policy, a rule).
    fn member(kind: &str, relation: &QualifiedName, name: &str, id: &ObjectId) -> Subject {
        Subject {
            kinds: vec![kind.to_string()],
            matched_by: MatchedBy::Kind,
            follows: vec![relation_id(relation)],
            label: format!("{kind} {name} on {relation}"),
            ..Subject::in_schema(
                kind,
                &QualifiedName::new(&relation.schema, name),
                id.clone(),
            )
        }
    }

    fn following(mut self, ids: impl IntoIterator<Item = ObjectId>) -> Subject {
        self.follows.extend(ids);
        self
    }
}

/// The id every table and view has as a [`Subject::follows`] target.
pub fn relation_id(q: &QualifiedName) -> ObjectId {
    ObjectId::named(ObjectKind::Relation, q.schema.clone(), q.name.clone())
}

fn sequence_id(q: &QualifiedName) -> ObjectId {
    ObjectId::named(ObjectKind::Sequence, q.schema.clone(), q.name.clone())
}

fn type_id(q: &QualifiedName) -> ObjectId {
    ObjectId::named(ObjectKind::Type, q.schema.clone(), q.name.clone())
}

/// How filters see a value of one of the schema's maps.
pub trait Filterable {
    fn subject(&self) -> Subject;
}

/// Something done to every map of the schema ([`crate::schema::Schema::visit_maps`]).
pub trait MapVisitor {
    fn visit<K: Ord, V: Filterable>(&mut self, map: &mut BTreeMap<K, V>);
}

impl Filterable for Namespace {
    fn subject(&self) -> Subject {
        let id = ObjectId::schema(self.name.clone());
        Subject::global("schema", &self.name, id, Some(self.name.clone()))
    }
}

/// An extension is matched by its name alone: its schema is stated in files only when the
/// user writes it, so matching it would split the two sides.
impl Filterable for Extension {
    fn subject(&self) -> Subject {
        let id = ObjectId::extension(self.name.clone());
        Subject::global("extension", &self.name, id, None)
    }
}

/// A publication is matched by its name alone (it lives in no schema).
impl Filterable for Publication {
    fn subject(&self) -> Subject {
        let id = crate::kinds::publication::publication_id(&self.name);
        Subject::global("publication", &self.name, id, None)
    }
}

/// A foreign-data wrapper is matched by its name alone (it lives in no schema).
impl Filterable for ForeignDataWrapper {
    fn subject(&self) -> Subject {
        let id = crate::kinds::foreign_data::wrapper_id(&self.name);
        Subject::global("foreign_data_wrapper", &self.name, id, None)
    }
}

/// A server is matched by its name alone, and goes with its wrapper.
impl Filterable for ForeignServer {
    fn subject(&self) -> Subject {
        let id = crate::kinds::foreign_data::server_id(&self.name);
        let wrapper = crate::kinds::foreign_data::wrapper_id(&self.wrapper);
        Subject::global("server", &self.name, id, None).following([wrapper])
    }
}

/// A user mapping goes with its server; no pattern names it.
impl Filterable for UserMapping {
    fn subject(&self) -> Subject {
        let id = crate::kinds::foreign_data::mapping_id(&self.server, &self.user);
        let server = crate::kinds::foreign_data::server_id(&self.server);
        Subject {
            matched_by: MatchedBy::Nothing,
            label: format!("user mapping for {} on server {}", self.user, self.server),
            ..Subject::global("user_mapping", &self.user, id, None)
        }
        .following([server])
    }
}

macro_rules! types {
    ($($t:ty),*) => {$(
        impl Filterable for $t {
            fn subject(&self) -> Subject {
                Subject::in_schema("type", &self.name, type_id(&self.name))
            }
        }
    )*};
}
types!(EnumType, Domain, CompositeType, RangeType, BaseType);

/// A sequence goes with the table that owns it (a serial column's).
impl Filterable for Sequence {
    fn subject(&self) -> Subject {
        Subject::in_schema("sequence", &self.name, sequence_id(&self.name))
            .following(self.owned_by.iter().map(|o| relation_id(&o.table)))
    }
}

/// A table, with its columns and constraints; a partition goes with its parent.
impl Filterable for Table {
    fn subject(&self) -> Subject {
        let mut s = Subject::in_schema("table", &self.name, relation_id(&self.name))
            .following(self.partition_of.iter().map(|p| relation_id(&p.parent)))
            .following(
                (self.foreign.iter()).map(|f| crate::kinds::foreign_data::server_id(&f.server)),
            );
        s.kinds.push("relation".into());
        s
    }
}

impl Filterable for View {
    fn subject(&self) -> Subject {
        let mut s = Subject::in_schema("view", &self.name, relation_id(&self.name));
        s.kinds.push("relation".into());
        s
    }
}

/// An index goes with its table (or materialized view), and only `index:` patterns match
/// it by its own name: `public.events_p*`, meant for pg_partman's partitions, must not
/// take the parent's `events_payload_idx` with them.
impl Filterable for Index {
    fn subject(&self) -> Subject {
        let id = ObjectId::named(ObjectKind::Index, &self.name.schema, &self.name.name);
        let mut s =
            Subject::in_schema("index", &self.name, id).following([relation_id(&self.table)]);
        s.matched_by = MatchedBy::Kind;
        s
    }
}

impl Filterable for Collation {
    fn subject(&self) -> Subject {
        let id = ObjectId::named(ObjectKind::Collation, &self.name.schema, &self.name.name);
        Subject::in_schema("collation", &self.name, id)
    }
}

/// A statistics object goes with its table, and only `statistics:` patterns match it by
/// its own name, as an index.
impl Filterable for Statistics {
    fn subject(&self) -> Subject {
        let id = ObjectId::named(ObjectKind::Statistics, &self.name.schema, &self.name.name);
        let mut s =
            Subject::in_schema("statistics", &self.name, id).following([relation_id(&self.table)]);
        s.matched_by = MatchedBy::Kind;
        s
    }
}

macro_rules! routines {
    ($($t:ty: $kind:literal),*) => {$(
        impl Filterable for $t {
            fn subject(&self) -> Subject {
                let mut s = Subject::in_schema($kind, &self.name, self.id.clone());
                s.label = format!("{} {}", $kind, self.id);
                s
            }
        }
    )*};
}
routines!(Function: "function", Aggregate: "aggregate", Operator: "operator");

impl Filterable for Trigger {
    fn subject(&self) -> Subject {
        Subject::member("trigger", &self.table, &self.name, &self.id)
    }
}

impl Filterable for Policy {
    fn subject(&self) -> Subject {
        Subject::member("policy", &self.table, &self.name, &self.id)
    }
}

impl Filterable for Rule {
    fn subject(&self) -> Subject {
        Subject::member("rule", &self.relation, &self.name, &self.id)
    }
}

/// A dialect object is matched under its kind's name (`hypertable:public.metrics`), its
/// name within the kind read as `schema.name` where it has a dot; it goes with the
/// relations it is built on and the dialect objects it comes after (a compression
/// setting with its hypertable, a continuous aggregate's index with the aggregate).
impl Filterable for DialectObject {
    fn subject(&self) -> Subject {
        let kind = self.kind();
        let (schema, name) = match self.name.name.split_once('.') {
            Some((s, n)) => (Some(s.to_string()), n.to_string()),
            None => (None, self.name.name.clone()),
        };
        let follows = self
            .depends_on
            .iter()
            .map(relation_id)
            .chain(
                self.after
                    .iter()
                    .map(|a| ObjectId::dialect(a.schema.clone(), a.name.clone())),
            )
            .collect();
        Subject {
            kinds: vec![kind.to_string()],
            matched_by: MatchedBy::Any,
            namespace: schema.clone(),
            schema,
            name,
            id: Some(self.id()),
            follows,
            label: format!("{kind} {}", self.name.name),
        }
    }
}

/// A privilege goes with the object it is granted on.
impl Filterable for Privilege {
    fn subject(&self) -> Subject {
        let on = match &self.object {
            PrivilegeObject::Schema { name } => ObjectId::schema(name.clone()),
            PrivilegeObject::Relation { name } => relation_id(name),
            PrivilegeObject::Column { table, .. } => relation_id(table),
            PrivilegeObject::Sequence { name } => sequence_id(name),
            PrivilegeObject::Function { id, .. } => id.clone(),
        };
        Subject {
            kinds: vec!["privilege".into()],
            matched_by: MatchedBy::Nothing,
            schema: None,
            name: String::new(),
            namespace: None,
            id: None,
            label: format!("privilege {} on {on} to {}", self.privilege, self.grantee),
            follows: vec![on],
        }
    }
}
