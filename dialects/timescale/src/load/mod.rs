//! TimescaleDB statements in SQL files: the loader's [`PgExtension`] statement hook.
//!
//! Every statement is offered here, parsed, before PostgreSQL's interpreter. TimescaleDB's
//! own statements (`SELECT create_hypertable(…)`, `ALTER TABLE … SET (timescaledb.compress
//! …)`, `CREATE MATERIALIZED VIEW … WITH (timescaledb.continuous)`, the policy functions)
//! are applied to the schema's dialect objects; everything else goes on to PostgreSQL. The
//! same hook replays migrations written by this dialect, so what a builder emits it reads
//! back. Names resolve with the PostgreSQL loader's search path
//! ([`migrator_postgres::extension::SearchPath`]), so both read a name the same way.
//! See <https://docs.timescale.com/api/latest/> for the functions and their parameters.
//!
//! - `args`: the arguments of TimescaleDB's functions (named or positional, intervals);
//! - `hypertable`: `create_hypertable`, `add_dimension`, `set_chunk_time_interval`;
//! - `policy`: compression, retention and refresh policies;
//! - `compression`: `ALTER TABLE … SET (timescaledb.compress …)`;
//! - `create_table`: `CREATE TABLE … WITH (tsdb.hypertable, …)`;
//! - `cagg`: continuous aggregates and their indexes;
//! - `rename`: a hypertable or its column renamed, its objects following.

mod args;
mod cagg;
mod compression;
mod create_table;
mod hypertable;
mod policy;
pub(crate) mod rename;

pub use cagg::{cagg_index_from_stmt, cagg_index_key};
pub use compression::{orderby_list, segmentby_list};
pub use policy::refresh_key;

use crate::objects::*;
use args::{func_name, select_call};
use migrator_core::schema::{QualifiedName, Schema};
use migrator_postgres::extension::{PgExtension, SearchPath, StatementContext, StatementNode};
use migrator_postgres::normalize::{split_qualified, strings};
use pg_query::protobuf::{self as pb, node::Node as N, Node, ObjectType as Ot};

type R<T> = Result<T, String>;

/// The statement hook.
pub struct TimescaleStatements;

impl PgExtension for TimescaleStatements {
    fn statement(&self, node: &StatementNode, cx: &mut StatementContext<'_>) -> Option<R<()>> {
        if let N::DoStmt(_) = node {
            if !cx.sql().contains("$migrator_tsdb$") {
                return None;
            }
            let sql = cx.sql().to_string();
            let (_, schema) = cx.names_and_schema();
            return Some(replay_plain_again(&sql, schema));
        }
        if let Some(r) = rename::rename(node, cx) {
            return Some(r);
        }
        if let N::CreateStmt(s) = node {
            if s.options.iter().any(is_tsdb_option) {
                return Some(create_table::create_table(s, cx));
            }
        }
        let (names, schema) = cx.names_and_schema();
        let cx = Cx { names };
        match node {
            N::SelectStmt(s) => {
                let f = select_call(s)?;
                cx.call(&func_name(&f), &f, schema)
            }
            N::CallStmt(c) => {
                let f = c.funccall.as_deref()?;
                cx.call(&func_name(f), f, schema)
            }
            N::AlterTableStmt(s) => cx.alter_table(s, schema),
            N::CreateTableAsStmt(s) => cx.create_cagg(s, schema),
            N::IndexStmt(s) => cx.create_cagg_index(s, schema),
            N::DropStmt(s) => cx.drop(s, schema),
            _ => None,
        }
    }
}

/// A `DO $migrator_tsdb$` block of migrator's own: the one that turns a hypertable back
/// into a plain table (`templates/timescale/hypertable.sql`, declaring `sch` and `rel`)
/// leaves the table without its TimescaleDB objects, as dropping the old table does;
/// the others (around a column's type change) leave them as they were.
fn replay_plain_again(sql: &str, schema: &mut Schema) -> R<()> {
    let (Some(sch), Some(rel)) = (declared_literal(sql, "sch"), declared_literal(sql, "rel"))
    else {
        return Ok(());
    };
    let table = QualifiedName::new(sch, rel);
    remove_with_dependents(schema, &table_key(HYPERTABLE, &table));
    Ok(())
}

/// The string a PL/pgSQL block declares `var` as (`var text := 'value';`), as
/// [`migrator_core::render::quote_literal`] wrote it.
fn declared_literal(sql: &str, var: &str) -> Option<String> {
    let start = sql.find(&format!("{var} text := "))? + var.len() + " text := ".len();
    let rest = &sql[start..];
    let (escaped, rest) = match rest.strip_prefix('E') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let mut chars = rest.strip_prefix('\'')?.chars().peekable();
    let mut value = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                value.push('\'');
            }
            '\'' => return Some(value),
            '\\' if escaped => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    None
}

fn is_tsdb_option(n: &Node) -> bool {
    matches!(&n.node, Some(N::DefElem(d)) if matches!(d.defnamespace.as_str(), "timescaledb" | "tsdb"))
}

/// What the handlers share: the PostgreSQL loader's search path at this statement.
struct Cx<'a> {
    names: SearchPath<'a>,
}

impl Cx<'_> {
    fn creation_schema(&self) -> String {
        self.names.creation_schema()
    }

    /// Resolves a relation name written as text (a `regclass` argument), along the search
    /// path (tables and caggs).
    fn relation(&self, text: &str, schema: &Schema) -> R<QualifiedName> {
        self.relation_parts(&split_qualified(text.trim()), schema)
            .map_err(|_| format!("cannot read the relation name {text}"))
    }

    /// The relation named by the text argument `param` (resolved like [`Self::relation`]);
    /// `missing` is the error when there is none.
    fn relation_arg(
        &self,
        a: &std::collections::BTreeMap<String, Node>,
        param: &str,
        missing: &str,
        schema: &Schema,
    ) -> R<QualifiedName> {
        let text = a.get(param).and_then(args::text_arg).ok_or(missing)?;
        self.relation(&text, schema)
    }

    /// Resolves `[schema.]name` along the search path (tables and caggs).
    fn relation_parts(&self, parts: &[String], schema: &Schema) -> R<QualifiedName> {
        match parts {
            [s, n] => Ok(QualifiedName::new(s.clone(), n.clone())),
            [n] => Ok(self.names.resolve("", n, |q| {
                schema.tables.contains_key(q) || find_cagg(schema, q).is_some()
            })),
            _ => Err(format!("cannot read the relation name {}", parts.join("."))),
        }
    }

    /// Resolves a relation named in a statement (tables and caggs).
    fn rangevar(&self, rv: &pb::RangeVar, schema: &Schema) -> QualifiedName {
        self.names.resolve(&rv.schemaname, &rv.relname, |q| {
            schema.tables.contains_key(q) || find_cagg(schema, q).is_some()
        })
    }

    fn call(&self, name: &str, f: &pb::FuncCall, schema: &mut Schema) -> Option<R<()>> {
        let r = match name {
            "create_hypertable" => self.create_hypertable(f, schema),
            "add_dimension" => self.add_dimension(f, schema),
            "set_chunk_time_interval" => self.set_chunk_time_interval(f, schema),
            "set_number_partitions" => self.set_number_partitions(f, schema),
            "set_integer_now_func" => self.set_integer_now_func(f, schema),
            "add_compression_policy" | "add_columnstore_policy" => {
                self.add_compression_policy(f, schema)
            }
            "remove_compression_policy" | "remove_columnstore_policy" => {
                self.remove_policy(f, schema, COMPRESSION_POLICY, &["hypertable", "if_exists"])
            }
            "add_retention_policy" => self.add_retention_policy(f, schema),
            "remove_retention_policy" => {
                self.remove_policy(f, schema, RETENTION_POLICY, &["relation", "if_exists"])
            }
            "add_continuous_aggregate_policy" => self.add_refresh_policy(f, schema),
            "add_reorder_policy" => self.add_reorder_policy(f, schema),
            "remove_reorder_policy" => {
                self.remove_policy(f, schema, REORDER_POLICY, &["hypertable", "if_exists"])
            }
            "remove_continuous_aggregate_policy" => self.remove_refresh_policy(f, schema),
            // Data and maintenance calls: they change no schema object.
            "compress_chunk" | "decompress_chunk" | "convert_to_columnstore"
            | "convert_to_rowstore" | "refresh_continuous_aggregate" | "show_chunks"
            | "drop_chunks" | "run_job" => Ok(()),
            "alter_job" => policy::alter_job(f),
            "delete_job" => Err("delete_job: a job id does not say which policy it is; use remove_compression_policy, remove_retention_policy or remove_continuous_aggregate_policy".into()),
            "by_range" | "by_hash" => Err(format!("{name}(…) only makes sense inside create_hypertable or add_dimension")),
            _ if name.starts_with("add_") && name.ends_with("_policy")
                || matches!(name, "enable_chunk_skipping" | "add_job") =>
            {
                Err(format!("`{name}` is not supported yet by the timescale dialect (see docs/TIMESCALE.md)"))
            }
            _ => return None,
        };
        Some(r)
    }

    fn drop(&self, s: &pb::DropStmt, schema: &mut Schema) -> Option<R<()>> {
        let kind = Ot::try_from(s.remove_type).unwrap_or(Ot::Undefined);
        let names: Vec<Vec<String>> = s
            .objects
            .iter()
            .map(|o| match &o.node {
                Some(N::List(l)) => strings(&l.items),
                _ => vec![],
            })
            .collect();
        match kind {
            Ot::ObjectTable => {
                // PostgreSQL drops the table; its TimescaleDB objects go with it.
                for n in &names {
                    if let Ok(t) = self.relation_parts(n, schema) {
                        remove_with_dependents(schema, &table_key(HYPERTABLE, &t));
                    }
                }
                None
            }
            Ot::ObjectMatview | Ot::ObjectView => {
                let mut claimed = false;
                for n in &names {
                    let Ok(v) = self.relation_parts(n, schema) else {
                        continue;
                    };
                    if let Some((k, _)) = find_cagg(schema, &v) {
                        remove_with_dependents(schema, &k);
                        claimed = true;
                    }
                }
                claimed.then_some(Ok(()))
            }
            Ot::ObjectIndex => {
                let mut claimed = false;
                for n in &names {
                    let (sch, idx) = match n.as_slice() {
                        [s, i] => (s.clone(), i.clone()),
                        [i] => (self.creation_schema(), i.clone()),
                        _ => continue,
                    };
                    let prefix = format!("{sch}.{idx}#");
                    // The index lives on the materialization hypertable, in TimescaleDB's
                    // internal schema: dropping it there names it by that schema.
                    let internal = sch == MATERIALIZATION_SCHEMA;
                    let found: Vec<QualifiedName> = schema
                        .dialect_objects
                        .values()
                        .map(|o| &o.name)
                        .filter(|k| {
                            k.schema == CAGG_INDEX
                                && (k.name.starts_with(&prefix)
                                    || internal
                                        && k.name
                                            .rsplit_once('#')
                                            .and_then(|(n, _)| n.split_once('.'))
                                            .is_some_and(|(_, i)| i == idx))
                        })
                        .cloned()
                        .collect();
                    for k in found {
                        schema.dialect_objects.remove(&object_id(&k));
                        claimed = true;
                    }
                }
                claimed.then_some(Ok(()))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::declared_literal;

    #[test]
    fn a_declared_literal_is_read_back_as_quote_literal_wrote_it() {
        let sql = "DECLARE\n    sch text := 'public';\n    rel text := 'it''s';\n    x text := E'a\\\\b''c';";
        assert_eq!(declared_literal(sql, "sch").as_deref(), Some("public"));
        assert_eq!(declared_literal(sql, "rel").as_deref(), Some("it's"));
        assert_eq!(declared_literal(sql, "x").as_deref(), Some("a\\b'c"));
        assert_eq!(declared_literal(sql, "y"), None);
    }
}

#[cfg(test)]
mod loader_tests;
