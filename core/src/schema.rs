//! The schema IR: one neutral, serialisable model of a database schema.
//!
//! Every source (SQL files, a live catalog, a JSON snapshot, replayed migrations) produces a
//! [`Schema`], and [`crate::diff`] compares two of them. Objects live in `BTreeMap`s keyed by
//! their qualified name so iteration, and therefore generated output, is deterministic.
//!
//! Names are stored as PostgreSQL stores them (already case-folded, never quoted); quoting
//! happens once, when DDL is rendered. Types and expressions are stored in a canonical form
//! chosen by the dialect that loaded them, so that two sources meaning the same thing compare
//! equal (see `docs/ARCHITECTURE.md`, "Normalisation").

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A schema-qualified object name, e.g. `public.users`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QualifiedName {
    pub schema: String,
    pub name: String,
}

impl QualifiedName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        QualifiedName {
            schema: schema.into(),
            name: name.into(),
        }
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

/// An SQL expression (a default, a CHECK, an index predicate).
///
/// `sql` is valid SQL to emit; `key` is the dialect's canonical form used for comparison, so
/// `'x'` in a file and `'x'::text` from the catalog have different `sql` but the same `key`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Expr {
    pub sql: String,
    pub key: String,
    /// Objects (sequences, functions, types) the expression refers to, for ordering.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<QualifiedName>,
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Expr {}

impl Expr {
    /// Whether the expression's SQL names `ident` (a column name, say) as an identifier:
    /// bare identifiers compare case-insensitively, quoted ones exactly; string literals are
    /// skipped. It may over-match (a function with the column's name), never under-match.
    pub fn mentions(&self, ident: &str) -> bool {
        let b = self.sql.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == b'\'' {
                i += 1;
                while i < b.len() {
                    if b[i] == b'\'' && b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                    } else if b[i] == b'\'' {
                        break;
                    } else {
                        i += 1;
                    }
                }
                i += 1;
            } else if c == b'"' {
                let mut word = Vec::new();
                i += 1;
                while i < b.len() {
                    if b[i] == b'"' && b.get(i + 1) == Some(&b'"') {
                        word.push(b'"');
                        i += 2;
                    } else if b[i] == b'"' {
                        break;
                    } else {
                        word.push(b[i]);
                        i += 1;
                    }
                }
                i += 1;
                if word == ident.as_bytes() {
                    return true;
                }
            } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
                let start = i;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric()
                        || b[i] == b'_'
                        || b[i] == b'$'
                        || b[i] >= 0x80)
                {
                    i += 1;
                }
                if self.sql[start..i].to_lowercase() == ident {
                    return true;
                }
            } else {
                i += 1;
            }
        }
        false
    }
}

/// Objects stored by qualified name: JSON keys must be strings, so these maps are written as
/// lists of their values and rebuilt from each value's own name.
pub trait Named {
    fn qualified_name(&self) -> &QualifiedName;
}

macro_rules! named {
    ($($t:ty),*) => {$(
        impl Named for $t {
            fn qualified_name(&self) -> &QualifiedName {
                &self.name
            }
        }
    )*};
}
named!(
    EnumType,
    Domain,
    CompositeType,
    Sequence,
    Table,
    Index,
    View,
    DialectObject
);

impl Named for Function {
    fn qualified_name(&self) -> &QualifiedName {
        &self.id
    }
}

impl Named for Policy {
    fn qualified_name(&self) -> &QualifiedName {
        &self.id
    }
}

impl Named for Aggregate {
    fn qualified_name(&self) -> &QualifiedName {
        &self.id
    }
}

impl Named for Operator {
    fn qualified_name(&self) -> &QualifiedName {
        &self.id
    }
}

impl Named for Trigger {
    fn qualified_name(&self) -> &QualifiedName {
        &self.id
    }
}

mod as_list {
    use super::{Named, QualifiedName};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer, V: Serialize>(
        map: &BTreeMap<QualifiedName, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.values())
    }

    pub fn deserialize<'de, D: Deserializer<'de>, V: Deserialize<'de> + Named>(
        d: D,
    ) -> Result<BTreeMap<QualifiedName, V>, D::Error> {
        let items = Vec::<V>::deserialize(d)?;
        Ok(items
            .into_iter()
            .map(|v| (v.qualified_name().clone(), v))
            .collect())
    }
}

/// The whole schema of one database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    /// User schemas (namespaces). `public` is assumed to exist and is not listed.
    #[serde(default)]
    pub schemas: BTreeMap<String, Namespace>,
    #[serde(default)]
    pub extensions: BTreeMap<String, Extension>,
    #[serde(default, with = "as_list")]
    pub enums: BTreeMap<QualifiedName, EnumType>,
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub domains: BTreeMap<QualifiedName, Domain>,
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub composites: BTreeMap<QualifiedName, CompositeType>,
    #[serde(default, with = "as_list")]
    pub sequences: BTreeMap<QualifiedName, Sequence>,
    #[serde(default, with = "as_list")]
    pub tables: BTreeMap<QualifiedName, Table>,
    /// Stand-alone indexes. Indexes that back a PRIMARY KEY, UNIQUE or EXCLUDE constraint
    /// belong to the constraint and are not listed here.
    #[serde(default, with = "as_list")]
    pub indexes: BTreeMap<QualifiedName, Index>,
    /// Views and materialized views.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub views: BTreeMap<QualifiedName, View>,
    /// Functions and procedures, keyed by schema and `name(argument types)`.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub functions: BTreeMap<QualifiedName, Function>,
    /// Aggregates, keyed by schema and `name(argument types)` (`name(*)`).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub aggregates: BTreeMap<QualifiedName, Aggregate>,
    /// Operators, keyed by schema and `op(left type, right type)` (`NONE` for a prefix one).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub operators: BTreeMap<QualifiedName, Operator>,
    /// Row-level security policies, keyed by the table's schema and `table.policy`.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub policies: BTreeMap<QualifiedName, Policy>,
    /// Triggers, keyed by the table's schema and `table.trigger`.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub triggers: BTreeMap<QualifiedName, Trigger>,
    /// Objects a dialect defines (a hypertable, a retention policy, a distributed table),
    /// keyed by `(kind, name)` in `name.schema`/`name.name` of a [`DialectObject`].
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub dialect_objects: BTreeMap<QualifiedName, DialectObject>,
    /// Privileges (`GRANT`/`REVOKE`), managed only with `--with-privileges`: the entries of
    /// the objects' ACLs other than the owner's own, see [`Privilege`].
    #[serde(
        default,
        with = "privilege_list",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub privileges: BTreeMap<PrivilegeKey, Privilege>,
}

impl Schema {
    /// True when the schema holds no user object at all.
    pub fn is_empty(&self) -> bool {
        self.schemas.is_empty()
            && self.extensions.is_empty()
            && self.enums.is_empty()
            && self.domains.is_empty()
            && self.composites.is_empty()
            && self.sequences.is_empty()
            && self.tables.is_empty()
            && self.indexes.is_empty()
            && self.views.is_empty()
            && self.functions.is_empty()
            && self.aggregates.is_empty()
            && self.operators.is_empty()
            && self.triggers.is_empty()
            && self.policies.is_empty()
            && self.dialect_objects.is_empty()
            && self.privileges.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Namespace {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub name: String,
    /// The schema the extension's objects live in; `None` when the source did not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The installed version; `None` when the source did not pin one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumType {
    pub name: QualifiedName,
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `-- migrator:renamed-from 'old'` after a value in the desired SQL: new value → the
    /// value's previous label. Never compared.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub renamed_values: BTreeMap<String, String>,
}

/// A domain: a base type with a default, NOT NULL and named CHECK constraints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub name: QualifiedName,
    /// Canonical base type.
    pub data_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_ref: Option<QualifiedName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Expr>,
    #[serde(default)]
    pub not_null: bool,
    /// CHECK constraints by name.
    #[serde(default)]
    pub checks: BTreeMap<String, Expr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A composite type (`CREATE TYPE … AS (…)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositeType {
    pub name: QualifiedName,
    /// Attributes in order: name, canonical type, and the user type it names.
    pub attributes: Vec<Attribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribute {
    pub name: String,
    pub data_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_ref: Option<QualifiedName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
}

/// Sequence options, always fully resolved (PostgreSQL's defaults filled in) so that a
/// sequence declared without options equals the one read back from the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequenceOptions {
    pub data_type: String,
    pub increment: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub start: i64,
    pub cache: i64,
    pub cycle: bool,
}

impl SequenceOptions {
    /// PostgreSQL's defaults for a sequence of `data_type` counting by `increment`.
    pub fn defaults(data_type: &str, increment: i64) -> Self {
        let (type_min, type_max) = match data_type {
            "smallint" => (i16::MIN as i64, i16::MAX as i64),
            "integer" => (i32::MIN as i64, i32::MAX as i64),
            _ => (i64::MIN, i64::MAX),
        };
        let (min_value, max_value) = if increment > 0 {
            (1, type_max)
        } else {
            (type_min, -1)
        };
        SequenceOptions {
            data_type: data_type.to_string(),
            increment,
            min_value,
            max_value,
            start: if increment > 0 { min_value } else { max_value },
            cache: 1,
            cycle: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sequence {
    pub name: QualifiedName,
    pub options: SequenceOptions,
    /// `OWNED BY table.column`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<ColumnRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ColumnRef {
    pub table: QualifiedName,
    pub column: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub name: QualifiedName,
    /// Columns in declaration order. Order is kept for CREATE TABLE but ignored by the diff:
    /// PostgreSQL can only append columns.
    pub columns: Vec<Column>,
    /// Constraints by name.
    #[serde(default)]
    pub constraints: BTreeMap<String, Constraint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `PARTITION BY …` of a partitioned table, canonical (`RANGE (created_at)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_by: Option<String>,
    /// The parent and bound of a partition (`FOR VALUES FROM (1) TO (10)`, `DEFAULT`).
    /// A partition's columns and inherited constraints belong to its parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<PartitionOf>,
    /// `INHERITS (…)`: the parents, in order. A child's columns include the inherited ones
    /// (marked [`Column::inherited`]); CHECK constraints it inherits are not listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherits: Vec<QualifiedName>,
    /// `ENABLE ROW LEVEL SECURITY`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub row_security: bool,
    /// `FORCE ROW LEVEL SECURITY`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub force_row_security: bool,
    /// `-- migrator:renamed-from old_name` in the desired SQL: the table's previous name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

impl Table {
    pub fn new(name: QualifiedName) -> Self {
        Table {
            name,
            columns: Vec::new(),
            constraints: BTreeMap::new(),
            comment: None,
            partition_by: None,
            partition_of: None,
            inherits: Vec::new(),
            row_security: false,
            force_row_security: false,
            renamed_from: None,
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.name == name)
    }
}

/// Where a partition attaches: its parent and its bound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionOf {
    pub parent: QualifiedName,
    pub bound: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    /// Canonical type text, as PostgreSQL's `format_type` prints it (`integer`,
    /// `character varying(10)`, `timestamp with time zone`, `public.mood[]`).
    pub data_type: String,
    /// The user-defined type (enum, domain, composite) the column's type names, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_ref: Option<QualifiedName>,
    #[serde(default)]
    pub not_null: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Expr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// `GENERATED ALWAYS AS (expr) STORED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<Expr>,
    /// An explicit collation other than the type's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `-- migrator:renamed-from old_name` in the desired SQL: the column's previous name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// `SET STORAGE …` when it differs from the type's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<Storage>,
    /// Inherited from a parent table and not declared by the table itself (`attislocal`
    /// false): it comes and goes, and changes, with the parent's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inherited: bool,
}

/// A column's storage mode that is not its type's default.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Storage {
    /// `PLAIN`, `EXTERNAL`, `EXTENDED` or `MAIN`.
    pub mode: String,
    /// The type's own mode, to go back to (PostgreSQL 15 has no `SET STORAGE DEFAULT`).
    pub type_default: String,
}

/// Only the mode counts: the type's default follows from the column's type.
impl PartialEq for Storage {
    fn eq(&self, other: &Self) -> bool {
        self.mode == other.mode
    }
}
impl Eq for Storage {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// `ALWAYS` (true) or `BY DEFAULT` (false).
    pub always: bool,
    pub options: SequenceOptions,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    pub name: String,
    pub kind: ConstraintKind,
    #[serde(default)]
    pub deferrable: bool,
    #[serde(default)]
    pub initially_deferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ConstraintKind {
    PrimaryKey {
        columns: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        include: Vec<String>,
    },
    Unique {
        columns: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        include: Vec<String>,
        #[serde(default)]
        nulls_not_distinct: bool,
    },
    Check {
        expr: Expr,
        #[serde(default)]
        no_inherit: bool,
    },
    ForeignKey {
        columns: Vec<String>,
        ref_table: QualifiedName,
        ref_columns: Vec<String>,
        on_delete: FkAction,
        on_update: FkAction,
        #[serde(default)]
        match_full: bool,
    },
    /// `EXCLUDE USING … (…)`: kept as its canonical definition text.
    Exclude { definition: Expr },
}

impl ConstraintKind {
    pub fn is_foreign_key(&self) -> bool {
        matches!(self, ConstraintKind::ForeignKey { .. })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl FkAction {
    pub fn sql(self) -> &'static str {
        match self {
            FkAction::NoAction => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub name: QualifiedName,
    pub table: QualifiedName,
    #[serde(default)]
    pub unique: bool,
    pub method: String,
    /// Key parts, each already rendered as SQL (`"email"`, `lower(email) DESC`).
    pub keys: Vec<IndexKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<Expr>,
    #[serde(default)]
    pub nulls_not_distinct: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// One key part of an index: a column or an expression with its options, as SQL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexKey {
    pub def: Expr,
    /// The column name when the key is a plain column (used for dependencies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

/// A view or materialized view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub name: QualifiedName,
    #[serde(default)]
    pub materialized: bool,
    /// The query: `sql` to emit, `key` canonical (names qualified, `*` expanded).
    pub query: Expr,
    /// Output column names, in order.
    pub columns: Vec<String>,
    /// Relations (tables, views) the query reads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<QualifiedName>,
    /// `WITH NO DATA` for a materialized view: used when creating, never compared (a
    /// `REFRESH` populates it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_no_data: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl View {
    /// True when the two define the same view (ignoring the comment and `WITH NO DATA`).
    pub fn same_definition(&self, other: &View) -> bool {
        self.materialized == other.materialized
            && self.query == other.query
            && self.columns == other.columns
    }

    /// The SQL keyword for the kind: `VIEW` or `MATERIALIZED VIEW`.
    pub fn keyword(&self) -> &'static str {
        if self.materialized {
            "MATERIALIZED VIEW"
        } else {
            "VIEW"
        }
    }
}

/// A function or procedure. Its identity is schema + name + input argument types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    /// The map key: schema and `name(argument types)`.
    pub id: QualifiedName,
    pub name: QualifiedName,
    #[serde(default)]
    pub procedure: bool,
    /// `sql` is a complete `CREATE OR REPLACE FUNCTION` statement; `key` is canonical.
    pub definition: Expr,
    /// Canonical result type (empty for procedures): `CREATE OR REPLACE` cannot change it.
    pub returns: String,
    /// Canonical parameter list (modes, names, types, defaults): `CREATE OR REPLACE`
    /// cannot rename or remove parameters either.
    pub parameters: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Function {
    /// True when `CREATE OR REPLACE` can turn `self` into `other`.
    pub fn replaceable_by(&self, other: &Function) -> bool {
        self.procedure == other.procedure
            && self.returns == other.returns
            && self.parameters == other.parameters
    }
}

/// An aggregate (`CREATE AGGREGATE`). It has no `CREATE OR REPLACE` worth using: a changed
/// definition is dropped and created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregate {
    /// The map key: schema and `name(argument types)`, `name(*)` for one over rows.
    pub id: QualifiedName,
    pub name: QualifiedName,
    /// `sql` is the `CREATE AGGREGATE` statement; `key` is canonical; `refs` are the user
    /// functions and types it uses.
    pub definition: Expr,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// An operator (`CREATE OPERATOR`). A changed definition is dropped and created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    /// The map key: schema and `op(left type, right type)`, `NONE` for a missing side.
    pub id: QualifiedName,
    /// Schema and the operator's symbol.
    pub name: QualifiedName,
    /// Canonical left operand type (`None` for a prefix operator) and right one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<String>,
    pub right: String,
    /// Schema and symbol of the commutator and negator. PostgreSQL links both ways: an
    /// operator declared with a commutator that exists becomes that one's commutator too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commutator: Option<QualifiedName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negator: Option<QualifiedName>,
    /// `sql` is the `CREATE OPERATOR` statement; `key` is canonical; `refs` are the user
    /// functions and types it uses.
    pub definition: Expr,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A row-level security policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// The map key: the table's schema and `table.policy`.
    pub id: QualifiedName,
    pub table: QualifiedName,
    pub name: String,
    /// `PERMISSIVE` (true) or `RESTRICTIVE`.
    pub permissive: bool,
    /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
    pub command: String,
    /// Role names, sorted; `public` for everyone.
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<Expr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_check: Option<Expr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A trigger on a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    /// The map key: the table's schema and `table.trigger`.
    pub id: QualifiedName,
    pub table: QualifiedName,
    pub name: String,
    /// `sql` is the `CREATE TRIGGER` statement; `key` is canonical.
    pub definition: Expr,
    /// The trigger function (schema and name).
    pub function: QualifiedName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// An object a dialect defines on top of the built-in kinds: the form that crosses the
/// plugin boundary. The core compares payloads for equality and orders the object after
/// what it depends on; the dialect's builder for `kind` decides the DDL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialectObject {
    /// `schema` is the object kind (`hypertable`), `name` identifies it within the kind
    /// (`public.metrics`). This pair is the object's key in [`Schema::dialect_objects`].
    pub name: QualifiedName,
    /// Built-in objects (tables, views, …) that must exist before this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<QualifiedName>,
    /// Other dialect objects (their keys) that must exist before this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<QualifiedName>,
    /// The dialect's own description of the object.
    pub payload: serde_json::Value,
}

impl DialectObject {
    /// The object kind, e.g. `hypertable`; also its builder's registry key.
    pub fn kind(&self) -> &str {
        &self.name.schema
    }
}

/// What a privilege is granted on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum PrivilegeObject {
    /// A schema (`public` included).
    Schema {
        name: String,
    },
    /// A table, view or materialized view (`GRANT … ON TABLE`).
    Relation {
        name: QualifiedName,
    },
    /// One column of a table (`GRANT SELECT (col) ON …`).
    Column {
        table: QualifiedName,
        column: String,
    },
    Sequence {
        name: QualifiedName,
    },
    /// A function or procedure, by its key (`name(argument types)`).
    Function {
        id: QualifiedName,
        procedure: bool,
    },
}

impl PrivilegeObject {
    /// The privileges `ALL` stands for on this kind of object.
    pub fn all_privileges(&self) -> &'static [&'static str] {
        match self {
            PrivilegeObject::Schema { .. } => &["USAGE", "CREATE"],
            PrivilegeObject::Relation { .. } => &[
                "SELECT",
                "INSERT",
                "UPDATE",
                "DELETE",
                "TRUNCATE",
                "REFERENCES",
                "TRIGGER",
            ],
            PrivilegeObject::Column { .. } => &["SELECT", "INSERT", "UPDATE", "REFERENCES"],
            PrivilegeObject::Sequence { .. } => &["USAGE", "SELECT", "UPDATE"],
            PrivilegeObject::Function { .. } => &["EXECUTE"],
        }
    }

    /// The privileges an object of this kind has from its creation on, besides its owner's:
    /// `EXECUTE` for `PUBLIC` on functions, `USAGE` for `PUBLIC` on schema `public`.
    pub fn default_privileges(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            PrivilegeObject::Function { .. } => &[("public", "EXECUTE")],
            PrivilegeObject::Schema { name } if name == "public" => &[("public", "USAGE")],
            _ => &[],
        }
    }

    /// The (possibly renamed) table of a relation or column privilege.
    pub fn table(&self) -> Option<&QualifiedName> {
        match self {
            PrivilegeObject::Relation { name } => Some(name),
            PrivilegeObject::Column { table, .. } => Some(table),
            _ => None,
        }
    }
}

/// The key of a privilege: object, grantee, privilege.
pub type PrivilegeKey = (PrivilegeObject, String, String);

/// One entry of an object's ACL that differs from the object's defaults: a privilege granted
/// to a role (`revoked` false) or a default privilege taken away (`revoked` true, as after
/// `REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC`). The owner's own privileges are never
/// listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Privilege {
    #[serde(flatten)]
    pub object: PrivilegeObject,
    /// The role, as stored (case-folded); `public` for `PUBLIC`.
    pub grantee: String,
    /// `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, `REFERENCES`, `TRIGGER`, `USAGE`,
    /// `CREATE` or `EXECUTE`.
    pub privilege: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_grant_option: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revoked: bool,
}

impl Privilege {
    pub fn key(&self) -> PrivilegeKey {
        (
            self.object.clone(),
            self.grantee.clone(),
            self.privilege.clone(),
        )
    }
}

mod privilege_list {
    use super::{Privilege, PrivilegeKey};
    use serde::{Deserialize, Deserializer, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<PrivilegeKey, Privilege>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.values())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<PrivilegeKey, Privilege>, D::Error> {
        Ok(Vec::<Privilege>::deserialize(d)?
            .into_iter()
            .map(|p| (p.key(), p))
            .collect())
    }
}
