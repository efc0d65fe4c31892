//! The TimescaleDB objects, as payloads of the core's generic dialect objects.
//!
//! Each kind is one [`DialectObject`] kind with its own builder and template. Values are
//! stored canonically (intervals as PostgreSQL prints them, chunk intervals in
//! microseconds, cagg queries in a canonical deparsed form) so that what the files say
//! equals what the catalog says.
//!
//! Objects that must be rebuilt with a continuous aggregate (its refresh policy, its
//! indexes, the caggs built on it) carry the aggregate's fingerprint in their key: a
//! changed definition then reads as "drop the old ones, create the new ones", which the
//! planner orders around the aggregate's own drop and create.

use migrator_core::identity::ObjectId;
use migrator_core::schema::{ColumnRef, DialectObject, QualifiedName, Schema};
use serde::{Deserialize, Serialize};

pub const HYPERTABLE: &str = "hypertable";
pub const COMPRESSION: &str = "compression";
pub const COMPRESSION_POLICY: &str = "compression_policy";
pub const RETENTION_POLICY: &str = "retention_policy";
pub const REORDER_POLICY: &str = "reorder_policy";
pub const CONTINUOUS_AGGREGATE: &str = "continuous_aggregate";
pub const REFRESH_POLICY: &str = "refresh_policy";
pub const CAGG_INDEX: &str = "continuous_aggregate_index";

/// Where TimescaleDB puts materialization hypertables (and so the indexes of caggs).
pub const MATERIALIZATION_SCHEMA: &str = "_timescaledb_internal";

/// Every object kind this dialect defines.
pub const KINDS: &[&str] = &[
    HYPERTABLE,
    COMPRESSION,
    COMPRESSION_POLICY,
    RETENTION_POLICY,
    REORDER_POLICY,
    CONTINUOUS_AGGREGATE,
    REFRESH_POLICY,
    CAGG_INDEX,
];

/// A hypertable: its time dimension and any further dimensions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hypertable {
    pub table: QualifiedName,
    pub time_column: String,
    /// Chunk interval: microseconds for time types, units of the column for integers.
    pub chunk_interval: i64,
    /// The time column has an integer type (intervals are plain numbers).
    #[serde(default)]
    pub integer: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
    /// `set_integer_now_func`: the function giving "now" in the units of an integer time
    /// column, which policies and continuous aggregates on such a hypertable need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integer_now_func: Option<QualifiedName>,
}

impl Hypertable {
    /// What the hypertable object depends on: its table, and its `integer_now` function.
    pub fn depends_on(&self) -> Vec<QualifiedName> {
        let mut out = vec![self.table.clone()];
        out.extend(self.integer_now_func.iter().cloned());
        out
    }
}

/// An additional dimension (`add_dimension`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Dimension {
    Hash {
        column: String,
        partitions: i64,
    },
    Range {
        column: String,
        interval: i64,
        integer: bool,
    },
}

/// `ALTER TABLE … SET (timescaledb.compress …)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compression {
    pub table: QualifiedName,
    #[serde(default)]
    pub segmentby: Vec<String>,
    /// Canonical items: `"time" DESC`, `device NULLS FIRST`.
    #[serde(default)]
    pub orderby: Vec<String>,
}

impl Compression {
    /// The columns it compresses by: TimescaleDB refuses to drop them while they are.
    pub fn columns(&self) -> Vec<String> {
        let orderby = self.orderby.iter().filter_map(|e| sort_key_column(e));
        self.segmentby.iter().cloned().chain(orderby).collect()
    }

    /// Inserts the settings (replacing any of the table): after the hypertable, needing
    /// the table and the columns they name.
    pub fn insert(self, schema: &mut Schema) {
        let k = table_key(COMPRESSION, &self.table);
        let mut o = to_object(
            k,
            vec![self.table.clone()],
            vec![table_key(HYPERTABLE, &self.table)],
            &self,
        );
        o.columns = self
            .columns()
            .into_iter()
            .map(|column| ColumnRef {
                table: self.table.clone(),
                column,
            })
            .collect();
        schema.dialect_objects.insert(o.id(), o);
    }
}

/// The column of a canonical sort key (`"time" DESC` → `time`).
pub fn sort_key_column(entry: &str) -> Option<String> {
    let parsed = pg_query::parse(&format!("SELECT 1 ORDER BY {entry}"), 0).ok()?;
    let stmt = parsed.protobuf.stmts.into_iter().next()?.stmt?.node?;
    let pg_query::protobuf::node::Node::SelectStmt(s) = stmt else {
        return None;
    };
    let pg_query::protobuf::node::Node::SortBy(b) = s.sort_clause.first()?.node.as_ref()? else {
        return None;
    };
    match b.node.as_deref()?.node.as_ref()? {
        pg_query::protobuf::node::Node::ColumnRef(c) => match c.fields.last()?.node.as_ref()? {
            pg_query::protobuf::node::Node::String(s) => Some(s.sval.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A policy's age threshold: an interval (canonical text) or an integer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Lag {
    Integer(i64),
    Interval(String),
}

impl Lag {
    pub fn sql(&self) -> String {
        match self {
            Lag::Integer(i) => i.to_string(),
            Lag::Interval(s) => format!("INTERVAL '{s}'"),
        }
    }
}

/// What sets TimescaleDB's compression and retention policies apart; both run a job on the
/// chunks of a hypertable that are older than a lag ([`ChunkPolicy`]).
#[derive(Debug)]
pub struct ChunkPolicyKind {
    /// The object kind.
    pub kind: &'static str,
    /// The lag parameter of `add_…_policy`, which the payload keeps the lag under too.
    pub lag: &'static str,
    /// The `…_created_before` parameter, the other threshold, which is not supported yet.
    pub created_before: &'static str,
    /// The kind of object of the same table that the policy comes after.
    pub after: &'static str,
}

pub const COMPRESSION_POLICY_KIND: ChunkPolicyKind = ChunkPolicyKind {
    kind: COMPRESSION_POLICY,
    lag: "compress_after",
    created_before: "compress_created_before",
    after: COMPRESSION,
};

pub const RETENTION_POLICY_KIND: ChunkPolicyKind = ChunkPolicyKind {
    kind: RETENTION_POLICY,
    lag: "drop_after",
    created_before: "drop_created_before",
    after: HYPERTABLE,
};

/// A compression or retention policy. It reads either payload; [`ChunkPolicy::insert`]
/// writes the one of its kind (the lag under the kind's parameter name).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ChunkPolicy {
    pub table: QualifiedName,
    #[serde(alias = "compress_after", alias = "drop_after")]
    pub lag: Lag,
    pub schedule_interval: String,
}

impl ChunkPolicy {
    /// Inserts the policy as an object of `kind` that comes after the table's `kind.after`
    /// object (replacing any such policy).
    pub fn insert(self, schema: &mut Schema, kind: &ChunkPolicyKind) {
        let payload = serde_json::json!({
            "table": self.table,
            kind.lag: self.lag,
            "schedule_interval": self.schedule_interval,
        });
        let after = vec![table_key(kind.after, &self.table)];
        insert_object(
            schema,
            table_key(kind.kind, &self.table),
            vec![self.table],
            after,
            &payload,
        );
    }
}

/// `add_reorder_policy`: chunks are reordered by one of the hypertable's indexes. Its
/// schedule cannot be given (TimescaleDB derives it from the chunk interval), so it is not
/// part of the object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReorderPolicy {
    pub table: QualifiedName,
    pub index: String,
}

impl ReorderPolicy {
    /// Inserts the policy (replacing any of the table): it comes after the hypertable and
    /// depends on the table and the index, which must exist while it does (TimescaleDB
    /// keeps the index's name, and the job fails without it).
    pub fn insert(self, schema: &mut Schema) {
        let index = QualifiedName::new(self.table.schema.clone(), self.index.clone());
        insert_object(
            schema,
            table_key(REORDER_POLICY, &self.table),
            vec![self.table.clone(), index],
            vec![table_key(HYPERTABLE, &self.table)],
            &self,
        );
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContinuousAggregate {
    pub view: QualifiedName,
    /// The defining query in canonical form (valid SQL, emitted as it is).
    pub query: String,
    pub materialized_only: bool,
    /// `timescaledb.create_group_indexes` (default true): an index on the materialization
    /// hypertable per `GROUP BY` column besides the bucket. It is always true for a cagg
    /// without such columns (see [`group_indexes`]). It cannot be changed: it is part of
    /// the key, so a change drops and creates the cagg.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub create_group_indexes: bool,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// `create_group_indexes` as it stands for a cagg whose canonical query is `query`: without
/// a `GROUP BY` column besides the bucket there is no group index to make, whatever the
/// option says.
pub fn group_indexes(query: &str, wanted: bool) -> bool {
    let groups = pg_query::parse(query, 0)
        .ok()
        .and_then(|p| p.protobuf.stmts.into_iter().next())
        .and_then(|s| s.stmt)
        .and_then(|s| s.node)
        .map_or(0, |n| match n {
            pg_query::protobuf::node::Node::SelectStmt(s) => s.group_clause.len(),
            _ => 0,
        });
    wanted || groups < 2
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshPolicy {
    pub view: QualifiedName,
    pub start_offset: Option<Lag>,
    pub end_offset: Option<Lag>,
    pub schedule_interval: String,
}

/// An index on a continuous aggregate (it lives on the materialization hypertable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaggIndex {
    pub view: QualifiedName,
    pub name: String,
    pub unique: bool,
    /// Key parts as SQL (`device`, `bucket DESC`).
    pub keys: Vec<String>,
}

/// The key of an object of `kind` named `name` (`public.metrics`).
pub fn key(kind: &str, name: &str) -> QualifiedName {
    QualifiedName::new(kind, name)
}

/// The map key of the object whose key pair (kind, name) is `k`.
pub fn object_id(k: &QualifiedName) -> ObjectId {
    ObjectId::dialect(k.schema.clone(), k.name.clone())
}

pub fn table_key(kind: &str, t: &QualifiedName) -> QualifiedName {
    key(kind, &t.to_string())
}

/// A short, stable fingerprint (FNV-1a, 32 bits) of a cagg's definition.
pub fn fingerprint(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

/// The key name of a continuous aggregate: `schema.view#fingerprint`, where the
/// fingerprint covers its query, what it is built on and whether it has group indexes.
pub fn cagg_key(c: &ContinuousAggregate, base: &QualifiedName) -> QualifiedName {
    let mut text = format!("{}|{base}", c.query);
    if !c.create_group_indexes {
        text.push_str("|no group indexes");
    }
    key(
        CONTINUOUS_AGGREGATE,
        &format!("{}#{}", c.view, fingerprint(&text)),
    )
}

/// The part of a cagg key after `#`.
pub fn key_fingerprint(k: &QualifiedName) -> &str {
    k.name.rsplit_once('#').map_or("", |(_, f)| f)
}

pub fn to_object<T: Serialize>(
    name: QualifiedName,
    depends_on: Vec<QualifiedName>,
    after: Vec<QualifiedName>,
    payload: &T,
) -> DialectObject {
    DialectObject {
        name,
        depends_on,
        after,
        columns: vec![],
        payload: serde_json::to_value(payload).expect("payloads serialise"),
    }
}

/// Inserts the object `name` into the schema (replacing any of that name).
pub fn insert_object<T: Serialize>(
    schema: &mut Schema,
    name: QualifiedName,
    depends_on: Vec<QualifiedName>,
    after: Vec<QualifiedName>,
    payload: &T,
) {
    schema.dialect_objects.insert(
        object_id(&name),
        to_object(name, depends_on, after, payload),
    );
}

pub fn payload<T: for<'de> Deserialize<'de>>(o: &DialectObject) -> Result<T, String> {
    serde_json::from_value(o.payload.clone())
        .map_err(|e| format!("the {} object {} is malformed: {e}", o.kind(), o.name.name))
}

/// Writes `value` back as the payload of the object `k`, which the caller has looked up.
pub fn set_payload<T: Serialize>(
    schema: &mut Schema,
    k: &QualifiedName,
    value: &T,
) -> Result<(), String> {
    let o = schema
        .dialect_objects
        .get_mut(&object_id(k))
        .expect("looked up");
    o.payload = serde_json::to_value(value).map_err(|e| e.to_string())?;
    Ok(())
}

/// Objects of `kind`, with their payloads.
pub fn all_of<T: for<'de> Deserialize<'de>>(
    schema: &Schema,
    kind: &str,
) -> Vec<(QualifiedName, T)> {
    schema
        .dialect_objects
        .values()
        .filter(|o| o.name.schema == kind)
        .filter_map(|o| payload::<T>(o).ok().map(|p| (o.name.clone(), p)))
        .collect()
}

/// The continuous aggregate whose view is `view`, if any: its key and payload.
pub fn find_cagg(
    schema: &Schema,
    view: &QualifiedName,
) -> Option<(QualifiedName, ContinuousAggregate)> {
    all_of::<ContinuousAggregate>(schema, CONTINUOUS_AGGREGATE)
        .into_iter()
        .find(|(_, c)| &c.view == view)
}

/// Removes `root` and every object that (transitively) comes after it.
pub fn remove_with_dependents(schema: &mut Schema, root: &QualifiedName) {
    let mut gone = vec![root.clone()];
    while let Some(k) = gone.pop() {
        schema.dialect_objects.remove(&object_id(&k));
        let next: Vec<QualifiedName> = schema
            .dialect_objects
            .values()
            .filter(|o| o.after.contains(&k))
            .map(|o| o.name.clone())
            .collect();
        gone.extend(next);
    }
}
