//! Builders for the unit tests of the diff, the cascade and the planner: each IR object in a
//! line, a schema as a chain of `with`, and the changes rendered one a line for snapshots.
//!
//! Builders fill in the plainest form of an object (nullable columns, no comment, `public`
//! schema); a test that needs more sets the field with struct-update syntax, e.g.
//! `Column { not_null: true, ..col("id", "integer") }`.

use crate::change::Change;
use crate::identity::{ObjectId, ObjectKind};
use crate::schema::*;
use serde_json::Value;

/// `"t"` is `public.t`, `"app.t"` is `app.t`.
pub(crate) fn qn(name: &str) -> QualifiedName {
    match name.split_once('.') {
        Some((schema, name)) => QualifiedName::new(schema, name),
        None => QualifiedName::new("public", name),
    }
}

/// An expression whose canonical key is its SQL.
pub(crate) fn sql(text: &str) -> Expr {
    Expr {
        sql: text.to_string(),
        key: text.to_string(),
        refs: vec![],
        columns: vec![],
    }
}

/// An expression that names the columns `columns` (as the dialect that parsed it says).
pub(crate) fn reading(text: &str, columns: &[&str]) -> Expr {
    Expr {
        columns: columns.iter().map(|c| c.to_string()).collect(),
        ..sql(text)
    }
}

/// An expression that refers to the objects `refs` (functions, types, sequences).
pub(crate) fn calling(text: &str, refs: &[&str]) -> Expr {
    Expr {
        refs: refs.iter().map(|r| qn(r)).collect(),
        ..sql(text)
    }
}

/// A nullable column of type `data_type`, without default.
pub(crate) fn col(name: &str, data_type: &str) -> Column {
    Column::new(name, data_type)
}

/// A table with `columns` and no constraint (add them with [`With`]).
pub(crate) fn table(name: &str, columns: impl IntoIterator<Item = Column>) -> Table {
    Table {
        columns: columns.into_iter().collect::<Vec<_>>().into(),
        ..Table::new(qn(name))
    }
}

fn constraint(name: &str, kind: ConstraintKind) -> Constraint {
    Constraint {
        name: name.to_string(),
        kind,
        deferrable: false,
        initially_deferred: false,
        comment: None,
        index_comment: None,
        not_valid: false,
        using_index: None,
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

pub(crate) fn pk(name: &str, columns: &[&str]) -> Constraint {
    let kind = ConstraintKind::PrimaryKey {
        columns: names(columns),
        include: vec![],
    };
    constraint(name, kind)
}

pub(crate) fn unique(name: &str, columns: &[&str]) -> Constraint {
    let kind = ConstraintKind::Unique {
        columns: names(columns),
        include: vec![],
        nulls_not_distinct: false,
    };
    constraint(name, kind)
}

pub(crate) fn check(name: &str, expr: Expr) -> Constraint {
    let kind = ConstraintKind::Check {
        expr,
        no_inherit: false,
    };
    constraint(name, kind)
}

/// `FOREIGN KEY (columns) REFERENCES ref_table (ref_columns)`, `NO ACTION` both ways.
pub(crate) fn fk(
    name: &str,
    columns: &[&str],
    ref_table: &str,
    ref_columns: &[&str],
) -> Constraint {
    let kind = ConstraintKind::ForeignKey {
        columns: names(columns),
        ref_table: qn(ref_table),
        ref_columns: names(ref_columns),
        on_delete: FkAction::NoAction,
        on_delete_columns: Vec::new(),
        on_update: FkAction::NoAction,
        match_full: false,
    };
    constraint(name, kind)
}

/// A btree index on plain columns.
pub(crate) fn index(name: &str, table: &str, columns: &[&str]) -> Index {
    Index {
        name: qn(name),
        table: qn(table),
        unique: false,
        method: "btree".to_string(),
        keys: columns
            .iter()
            .map(|c| IndexKey {
                def: sql(c),
                column: Some(c.to_string()),
            })
            .collect(),
        include: vec![],
        with: vec![],
        predicate: None,
        nulls_not_distinct: false,
        statistics: Default::default(),
        comment: None,
        adopts: Vec::new(),
        after_parent: None,
    }
}

/// A plain view with output `columns`, reading the relations `depends_on`.
pub(crate) fn view(name: &str, query: Expr, columns: &[&str], depends_on: &[&str]) -> View {
    View {
        name: qn(name),
        materialized: false,
        query,
        columns: names(columns),
        column_casts: Default::default(),
        depends_on: depends_on.iter().map(|r| qn(r)).collect(),
        expands_star: false,
        with_no_data: false,
        options: Default::default(),
        storage_parameters: Vec::new(),
        cluster_on: None,
        column_defaults: Default::default(),
        column_statistics: Default::default(),
        column_options: Default::default(),
        comment: None,
        column_comments: Default::default(),
    }
}

/// A SQL function `name(parameters) RETURNS returns AS body`, keyed `name(parameters)`.
pub(crate) fn function(name: &str, parameters: &str, returns: &str, body: &str) -> Function {
    let q = qn(name);
    Function {
        id: ObjectId::decode(
            ObjectKind::Function,
            QualifiedName::new(q.schema.clone(), format!("{}({parameters})", q.name)),
        ),
        definition: sql(&format!(
            "CREATE OR REPLACE FUNCTION {q}({parameters}) RETURNS {returns} LANGUAGE sql AS $${body}$$"
        )),
        name: q,
        calls: Vec::new(),
        procedure: false,
        returns: returns.to_string(),
        parameters: parameters.to_string(),
        comment: None,
        shells: Vec::new(),
    }
}

/// `BEFORE INSERT … FOR EACH ROW EXECUTE FUNCTION function()` on `table`.
pub(crate) fn trigger(table: &str, name: &str, function: &str) -> Trigger {
    let t = qn(table);
    let f = qn(function);
    Trigger {
        id: ObjectId::member(ObjectKind::Trigger, &t, name),
        definition: calling(
            &format!(
                "CREATE TRIGGER {name} BEFORE INSERT ON {t} FOR EACH ROW EXECUTE FUNCTION {f}()"
            ),
            &[function],
        ),
        table: t,
        name: name.to_string(),
        function: f,
        comment: None,
        state: Default::default(),
    }
}

/// A permissive policy for all commands and everyone, with a `USING` expression.
pub(crate) fn policy(table: &str, name: &str, using: Expr) -> Policy {
    let t = qn(table);
    Policy {
        id: ObjectId::member(ObjectKind::Policy, &t, name),
        table: t,
        name: name.to_string(),
        permissive: true,
        command: "ALL".to_string(),
        roles: vec!["public".to_string()],
        using: Some(using),
        with_check: None,
        comment: None,
    }
}

pub(crate) fn namespace(name: &str) -> Namespace {
    Namespace {
        name: name.to_string(),
        comment: None,
    }
}

/// An extension whose schema and version the source does not pin.
pub(crate) fn extension(name: &str) -> Extension {
    Extension {
        name: name.to_string(),
        schema: None,
        version: None,
        comment: None,
    }
}

pub(crate) fn enum_type(name: &str, values: &[&str]) -> EnumType {
    EnumType {
        name: qn(name),
        values: names(values),
        comment: None,
        renamed_values: Default::default(),
    }
}

/// A domain over `data_type` without default, NOT NULL or CHECK.
pub(crate) fn domain(name: &str, data_type: &str) -> Domain {
    Domain {
        name: qn(name),
        data_type: data_type.to_string(),
        type_ref: None,
        collation: None,
        default: None,
        not_null: false,
        checks: Default::default(),
        comment: None,
    }
}

/// A composite type of `(name, type)` attributes.
pub(crate) fn composite(name: &str, attributes: &[(&str, &str)]) -> CompositeType {
    CompositeType {
        name: qn(name),
        attributes: attributes
            .iter()
            .map(|(n, t)| Attribute {
                name: n.to_string(),
                data_type: t.to_string(),
                type_ref: None,
                collation: None,
            })
            .collect(),
        comment: None,
    }
}

/// A `bigint` sequence with PostgreSQL's default options, owned by nothing.
pub(crate) fn sequence(name: &str) -> Sequence {
    Sequence {
        name: qn(name),
        options: SequenceOptions::defaults("bigint", 1),
        owned_by: None,
        comment: None,
    }
}

/// `OWNED BY table.column`.
pub(crate) fn owned_by(table: &str, column: &str) -> Option<ColumnRef> {
    Some(ColumnRef {
        table: qn(table),
        column: column.to_string(),
    })
}

/// An aggregate keyed `name(arguments)` whose definition is `definition`.
pub(crate) fn aggregate(name: &str, arguments: &str, definition: Expr) -> Aggregate {
    let q = qn(name);
    Aggregate {
        id: ObjectId::decode(
            ObjectKind::Aggregate,
            QualifiedName::new(q.schema.clone(), format!("{}({arguments})", q.name)),
        ),
        name: q,
        definition,
        comment: None,
    }
}

/// A binary operator `symbol` on `(left, right)` whose definition is `definition`.
pub(crate) fn operator(symbol: &str, left: &str, right: &str, definition: Expr) -> Operator {
    Operator {
        id: ObjectId::decode(
            ObjectKind::Operator,
            qn(&format!("{symbol}({left}, {right})")),
        ),
        name: qn(symbol),
        left: Some(left.to_string()),
        right: right.to_string(),
        commutator: None,
        negator: None,
        definition,
        comment: None,
    }
}

/// A dialect object of `kind` named `name`, with its payload.
pub(crate) fn dialect_object(kind: &str, name: &str, payload: Value) -> DialectObject {
    DialectObject {
        name: QualifiedName::new(kind, name),
        depends_on: vec![],
        after: vec![],
        columns: vec![],
        payload,
    }
}

/// `GRANT privilege ON TABLE relation TO grantee`.
pub(crate) fn grant(relation: &str, grantee: &str, privilege: &str) -> Privilege {
    Privilege {
        object: PrivilegeObject::Relation { name: qn(relation) },
        grantee: grantee.to_string(),
        privilege: privilege.to_string(),
        with_grant_option: false,
        revoked: false,
    }
}

/// An empty schema.
pub(crate) fn schema() -> Schema {
    Schema::default()
}

/// Adds an object to a container: `schema().with(table(…).with(pk(…))).with(view(…))`.
pub(crate) trait With<T> {
    fn with(self, item: T) -> Self;
}

impl With<Constraint> for Table {
    fn with(mut self, c: Constraint) -> Table {
        self.constraints_mut().insert(c.name.clone(), c);
        self
    }
}

impl With<Namespace> for Schema {
    fn with(mut self, n: Namespace) -> Schema {
        self.schemas.insert(n.name.clone(), n);
        self
    }
}

impl With<Extension> for Schema {
    fn with(mut self, x: Extension) -> Schema {
        self.extensions.insert(x.name.clone(), x);
        self
    }
}

impl With<Privilege> for Schema {
    fn with(mut self, p: Privilege) -> Schema {
        self.privileges.insert(p.key(), p);
        self
    }
}

macro_rules! with_named {
    ($($field:ident: $t:ty),* $(,)?) => {$(
        impl With<$t> for Schema {
            fn with(mut self, o: $t) -> Schema {
                self.$field.insert(o.key(), o);
                self
            }
        }
    )*};
}

with_named!(
    publications: Publication,
    wrappers: ForeignDataWrapper,
    servers: ForeignServer,
    user_mappings: UserMapping,
    collations: Collation,
    statistics: Statistics,
    enums: EnumType,
    domains: Domain,
    composites: CompositeType,
    ranges: RangeType,
    base_types: BaseType,
    sequences: Sequence,
    tables: Table,
    indexes: Index,
    views: View,
    functions: Function,
    aggregates: Aggregate,
    operators: Operator,
    policies: Policy,
    triggers: Trigger,
    dialect_objects: DialectObject,
);

/// The changes `crate::diff::diff(current, desired)` lists, rendered by [`render`].
pub(crate) fn diffed(current: &Schema, desired: &Schema) -> String {
    render(&crate::diff::diff(current, desired))
}

/// Changes one a line, in order: the change's kind, then its JSON without the tag. To keep
/// lines readable, a qualified name is written `schema.name`, and an expression whose key
/// is its SQL is written as its SQL (with its `refs` when it has any).
pub(crate) fn render(changes: &[Change]) -> String {
    let mut lines = Vec::new();
    for change in changes {
        let Value::Object(fields) = serde_json::to_value(change).expect("a change serialises")
        else {
            unreachable!("a change serialises as an object");
        };
        let mut rest = serde_json::Map::new();
        let mut tag = String::new();
        for (k, v) in fields {
            match (k.as_str(), v) {
                ("change", Value::String(t)) => tag = t,
                (_, v) => {
                    rest.insert(k, shorten(v));
                }
            }
        }
        lines.push(format!("{tag} {}", Value::Object(rest)));
    }
    lines.join("\n")
}

/// See [`render`].
fn shorten(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let keys: Vec<&str> = map.keys().map(String::as_str).collect();
            let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
            if keys == ["schema", "name"] {
                if let (Some(s), Some(n)) = (text("schema"), text("name")) {
                    return Value::String(format!("{s}.{n}"));
                }
            }
            let is_expr = keys == ["sql", "key"] || keys == ["sql", "key", "refs"];
            if is_expr && text("sql").is_some() && text("sql") == text("key") {
                let sql = Value::String(text("sql").unwrap_or_default());
                return match map.get("refs") {
                    None => sql,
                    Some(refs) => serde_json::json!({ "sql": sql, "refs": shorten(refs.clone()) }),
                };
            }
            Value::Object(map.into_iter().map(|(k, v)| (k, shorten(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(shorten).collect()),
        other => other,
    }
}

/// The changes of `diffed`, in the order [`crate::plan::order`] runs them.
pub(crate) fn planned(current: &Schema, desired: &Schema) -> String {
    let changes = crate::diff::diff(current, desired);
    render(&crate::plan::order(changes).expect("the changes can be ordered"))
}
