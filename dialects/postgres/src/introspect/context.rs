//! What every object kind's catalog reading shares: the SQL filters its query is built from
//! ([`Scope`]), the state its rows are read into ([`Catalog`]: the schema, the comments of the
//! one `pg_description` scan, memoised text parsing, what one kind leaves for another) and
//! reading a row's column by name ([`RowExt::col`]).
//!
//! Each kind's query and row mapping live in its slice, `crate::kinds::<kind>::catalog`.

use crate::load::{parse_sql, Loader};
use crate::normalize::{canonical_type_text, expr_from_sql, CanonicalType};
use migrator_core::dialect::{LoadError, Loaded};
use migrator_core::schema::*;
use pg_query::protobuf::node::Node as N;
use std::collections::{BTreeMap, HashMap};
use tokio_postgres::types::FromSql;
use tokio_postgres::Row;

/// `pg_class`'s OID, fixed in every PostgreSQL version (`pg_description.classoid`).
pub(crate) const PG_CLASS: u32 = 1259;
/// `pg_constraint`'s OID, fixed in every PostgreSQL version.
pub(crate) const PG_CONSTRAINT: u32 = 2606;

/// The SQL fragments the kinds' queries share: which objects are the user's, and the user
/// tables most per-table queries join to.
pub(crate) struct Scope {
    /// Leaves out system schemas and extension members (namespace alias `n`).
    pub ns: String,
    /// The user's types: [`Scope::ns`] and not owned by an extension (aliases `n`, `t`).
    pub user_types: String,
    /// Leaves out relations owned by an extension (alias `c`).
    pub class_member: String,
    /// Leaves out routines owned by an extension and those a type owns (the constructors
    /// PostgreSQL makes for a range and its multirange type, which go with the type:
    /// `pg_depend` deptype `i` on a `pg_type`) (alias `p`).
    pub proc_member: String,
    /// The user tables, plain and partitioned (aliases `c` and `n`).
    pub table_filter: String,
    /// `WITH t AS MATERIALIZED (…)`: the user tables, filtered once; the per-table queries
    /// join to `t` (`oid`, `nspname`, `relname`, `relispartition`).
    pub tables: String,
    /// `pg_index.indnullsnotdistinct` where the server has it (15 and later), else `false`.
    pub nulls_not_distinct: &'static str,
    /// `pg_constraint.confdelsetcols` where the server has it (15 and later), else `NULL`:
    /// the columns of `ON DELETE SET NULL / SET DEFAULT (…)` (alias `con`).
    pub fk_delete_columns: &'static str,
    /// `pg_range.rngmultitypid` where the server has it (14 and later), else `0`: the
    /// multirange type of a range (alias `r`).
    pub range_multirange: &'static str,
    /// The ICU locale of a collation: `pg_collation.colliculocale` (15 and 16),
    /// `colllocale` (17 and later), else `NULL` (alias `c`).
    pub icu_locale: &'static str,
    /// `pg_collation.collisdeterministic` where the server has it (12 and later), else
    /// `true` (alias `c`).
    pub deterministic: &'static str,
    /// `pg_statistic_ext.stxstattarget` where the server has it (13 and later), else `-1`
    /// (alias `s`).
    pub statistics_target: &'static str,
    /// What a publication's table entry (alias `r`) stores beyond its table, where the
    /// server has it (15 and later, else `NULL`): its column list (`prattrs`) and its row
    /// filter printed; then `pubviaroot` (13 and later, else `false`, alias `p`); and the
    /// subquery of its schemas (15 and later, else none).
    pub publication_attrs: &'static str,
    pub publication_filter: &'static str,
    pub publication_via_root: &'static str,
    pub publication_schemas: &'static str,
}

impl Scope {
    /// The fragments for a server of version `server_version_num`.
    pub fn new(server_version_num: u32) -> Self {
        let ns = user_namespace("n");
        let class_member = not_extension_member("pg_class", "c.oid");
        let table_filter = format!("c.relkind IN ('r', 'p', 'f') AND {ns} AND {class_member}");
        let tables = format!(
            "WITH t AS MATERIALIZED (SELECT c.oid, n.nspname, c.relname, c.relispartition \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {table_filter})"
        );
        Scope {
            user_types: format!("{ns} AND {}", not_extension_member("pg_type", "t.oid")),
            proc_member: "NOT EXISTS (SELECT 1 FROM pg_depend e \
                WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid \
                AND (e.deptype = 'e' OR (e.deptype = 'i' AND e.refclassid = 'pg_type'::regclass)))"
                .to_string(),
            nulls_not_distinct: if server_version_num >= 150000 {
                "i.indnullsnotdistinct"
            } else {
                "false"
            },
            fk_delete_columns: if server_version_num >= 150000 {
                "con.confdelsetcols"
            } else {
                "NULL::int2[]"
            },
            range_multirange: if server_version_num >= 140000 {
                "r.rngmultitypid"
            } else {
                "0"
            },
            icu_locale: match server_version_num {
                170000.. => "c.colllocale",
                150000.. => "c.colliculocale",
                _ => "NULL::text",
            },
            deterministic: if server_version_num >= 120000 {
                "c.collisdeterministic"
            } else {
                "true"
            },
            statistics_target: if server_version_num >= 130000 {
                "s.stxstattarget::int4"
            } else {
                "-1"
            },
            publication_attrs: if server_version_num >= 150000 {
                "r.prattrs"
            } else {
                "NULL::int2vector"
            },
            publication_filter: if server_version_num >= 150000 {
                "pg_get_expr(r.prqual, r.prrelid)"
            } else {
                "NULL::text"
            },
            publication_via_root: if server_version_num >= 130000 {
                "p.pubviaroot"
            } else {
                "false"
            },
            publication_schemas: if server_version_num >= 150000 {
                "ARRAY(SELECT 'TABLES IN SCHEMA ' || quote_ident(n.nspname) \
                 FROM pg_publication_namespace pn JOIN pg_namespace n ON n.oid = pn.pnnspid \
                 WHERE pn.pnpubid = p.oid ORDER BY n.nspname)"
            } else {
                "'{}'::text[]"
            },
            ns,
            class_member,
            table_filter,
            tables,
        }
    }
}

/// Common table expressions that print each distinct expression tree once: `source` is a
/// query of `(oid, relid, tree)` rows (the object's OID, its table's, a `pg_node_tree`),
/// and the fragment, to follow a `WITH` list, defines `{name}(oid, expr)`: `expr` is
/// `pg_get_expr(tree, relid)` of each row.
///
/// `pg_get_expr` with a table opens it, and opening a table the backend has not opened yet
/// builds its relation cache entry (its columns, defaults, constraints, triggers): ~60 µs,
/// 0.7 s for the 10,000 CHECKs or predicates of 10,000 tables, on each connection. What it
/// prints depends only on the tree, the names of the columns the tree's `Var`s refer to
/// (`:varattno N`, split out without a regular expression: `regexp_matches` cost twice as
/// much), and the table's name for a whole-row reference (`:varattno 0`); rows alike in
/// those share one call. Looking the names up costs ~10 µs a row. The key holds the stored
/// text as is, `:location`s (offsets in the statement that created the object) included.
pub(crate) fn printed_once(name: &str, source: &str) -> String {
    format!(
        ", {name}_src AS MATERIALIZED (SELECT s.oid, s.relid, s.tree, \
               s.tree::text COLLATE \"C\" AS txt, \
               CASE WHEN strpos(s.tree::text, '{{VAR ') = 0 THEN '{{}}'::text[] \
                    ELSE coalesce((SELECT array_agg(a.attname::text ORDER BY a.attnum) \
                               FROM unnest((string_to_array(s.tree::text, ':varattno '))[2:]) v \
                               JOIN pg_attribute a ON a.attrelid = s.relid \
                                    AND a.attnum = split_part(v, ' ', 1)::int2), '{{}}') \
                         || CASE WHEN strpos(s.tree::text, ':varattno 0 ') > 0 \
                                 THEN ARRAY[s.relid::text] ELSE '{{}}'::text[] END \
               END AS refs \
             FROM ({source}) s) \
         , {name}_once AS MATERIALIZED (SELECT k.txt, k.refs, \
               pg_get_expr(e.tree, e.relid) AS expr \
             FROM (SELECT txt, refs, min(oid) AS oid FROM {name}_src GROUP BY txt, refs) k \
             JOIN {name}_src e ON e.oid = k.oid) \
         , {name} AS (SELECT e.oid, o.expr FROM {name}_src e \
             JOIN {name}_once o ON o.txt = e.txt AND o.refs = e.refs)"
    )
}

/// Filters out system schemas and extension members: `alias` is the namespace alias.
fn user_namespace(alias: &str) -> String {
    format!(
        "{alias}.nspname NOT IN ('pg_catalog', 'information_schema') \
         AND {alias}.nspname NOT LIKE 'pg\\_toast%' AND {alias}.nspname NOT LIKE 'pg\\_temp%' \
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass \
                         AND d.objid = {alias}.oid AND d.deptype = 'e')"
    )
}

/// Filters out the objects of catalog `class` owned by an extension (`oid`: the object's).
pub(crate) fn not_extension_member(class: &str, oid: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{class}'::regclass \
         AND e.objid = {oid} AND e.deptype = 'e')"
    )
}

/// Reads a catalog row's column by name, with an error naming the column.
pub(crate) trait RowExt {
    /// The value of column `name`; an error if there is none or it has another type.
    fn col<'a, T: FromSql<'a>>(&'a self, name: &str) -> Result<T, LoadError>;
    /// The name of the row's object: its schema in column `nspname`, its name in `name`.
    fn qualified(&self, name: &str) -> Result<QualifiedName, LoadError>;
}

impl RowExt for Row {
    fn col<'a, T: FromSql<'a>>(&'a self, name: &str) -> Result<T, LoadError> {
        self.try_get(name)
            .map_err(|e| LoadError::Other(format!("catalog column `{name}`: {e}")))
    }

    fn qualified(&self, name: &str) -> Result<QualifiedName, LoadError> {
        Ok(QualifiedName::new(
            self.col::<String>("nspname")?,
            self.col::<String>(name)?,
        ))
    }
}

/// Memoises the parsing of catalog texts that repeat across columns (`integer`, `now()`).
#[derive(Default)]
pub(crate) struct TextCache {
    types: HashMap<String, CanonicalType>,
    exprs: HashMap<String, Expr>,
}

impl TextCache {
    /// The canonical form of a type as `format_type` prints it.
    pub fn data_type(&mut self, text: String) -> Result<CanonicalType, LoadError> {
        cached(&mut self.types, text, |t| canonical_type_text(t, "public"))
    }

    /// The normalised form of an expression as `pg_get_expr` prints it.
    pub fn expr(&mut self, text: String) -> Result<Expr, LoadError> {
        cached(&mut self.exprs, text, |e| expr_from_sql(e, "public"))
    }

    /// [`Self::expr`] of a nullable column.
    pub fn opt_expr(&mut self, text: Option<String>) -> Result<Option<Expr>, LoadError> {
        text.map(|e| self.expr(e)).transpose()
    }
}

/// Comments by (catalog, object, sub-object), from one scan of `pg_description`
/// (`crate::kinds::comment::catalog`): `obj_description` runs a query per call, and a join
/// to `pg_description` lets the planner pick a nested loop over it when the catalog has no
/// statistics yet.
#[derive(Default)]
pub(crate) struct Comments(HashMap<(u32, u32, i32), String>);

impl Comments {
    /// Records a comment by (catalog, object, sub-object).
    pub fn put(&mut self, key: (u32, u32, i32), comment: String) {
        self.0.insert(key, comment);
    }

    /// The comment on sub-object `sub` of object `oid` of catalog `class`, taken out.
    pub fn take(&mut self, class: u32, oid: u32, sub: i32) -> Option<String> {
        self.0.remove(&(class, oid, sub))
    }
}

/// A change to the schema made once the SQL interpreter has read the catalog text.
type AfterInterpreter = Box<dyn FnOnce(&mut Schema)>;

/// The state the kinds' rows are read into, in the order of [`super::KINDS`].
#[derive(Default)]
pub(crate) struct Catalog {
    /// The objects read so far.
    pub schema: Schema,
    /// Memoised type and expression parsing.
    pub text: TextCache,
    /// The comments of relations, columns and constraints not taken yet.
    pub comments: Comments,
    /// Column names by table OID and number (partitions included: they may have
    /// constraints of their own); written by the columns, read by the constraints.
    pub attnames: HashMap<(u32, i16), String>,
    /// Functions by OID (identity, is a procedure); written by the functions, read by the
    /// privileges.
    pub function_oids: HashMap<i64, (migrator_core::identity::ObjectId, bool)>,
    /// The privileges, set on the schema only after the SQL interpreter has run.
    pub privileges: BTreeMap<PrivilegeKey, Privilege>,
    /// Catalog SQL for the interpreter, one text per kind, in the order the kinds pushed it.
    interpreted: Vec<String>,
    /// What to set on the objects the interpreter creates (their comments).
    after: Vec<AfterInterpreter>,
}

impl Catalog {
    /// Queues `sql` (catalog definitions) for the SQL interpreter, after the texts queued
    /// before it.
    pub fn interpret(&mut self, sql: String) {
        self.interpreted.push(sql);
    }

    /// Runs `f` on the schema once the interpreter has read every queued text.
    pub fn after_interpreter(&mut self, f: impl FnOnce(&mut Schema) + 'static) {
        self.after.push(Box::new(f));
    }

    /// The schema read: the queued SQL interpreted into it, then the privileges set.
    pub fn finish(self) -> Result<Loaded, LoadError> {
        drop(self.text);
        let mut loader = Loader {
            schema: self.schema,
            ..Loader::default()
        };
        // Read from the catalog, the objects have their privileges already.
        let defaults = std::mem::take(&mut loader.schema.default_privileges);
        for sql in &self.interpreted {
            loader.load_text("<catalog>", sql)?;
        }
        for f in self.after {
            f(&mut loader.schema);
        }
        loader.schema.privileges = self.privileges;
        loader.schema.default_privileges = defaults;
        loader.finish()
    }
}

/// The parse tree of the single statement in `sql` (catalog text).
pub(crate) fn first_statement(sql: &str) -> Result<N, LoadError> {
    parse_sql("<catalog>", sql)?
        .stmts
        .into_iter()
        .next()
        .and_then(|s| s.stmt)
        .and_then(|s| s.node)
        .ok_or_else(|| LoadError::Other(format!("the catalog returned no statement: {sql}")))
}

/// `text` parsed by `parse`, once: later calls take the copy kept in `cache`.
fn cached<T: Clone>(
    cache: &mut HashMap<String, T>,
    text: String,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, LoadError> {
    if let Some(v) = cache.get(&text) {
        return Ok(v.clone());
    }
    let v = parse(&text).map_err(LoadError::Other)?;
    cache.insert(text, v.clone());
    Ok(v)
}
