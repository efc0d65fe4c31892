//! Continuous aggregates: `CREATE MATERIALIZED VIEW … WITH (timescaledb.continuous)`, its
//! options (`ALTER MATERIALIZED VIEW … SET (timescaledb.materialized_only)`) and the indexes
//! on it. The query is kept in the canonical form of [`crate::query`]: it is emitted as
//! written there, and its fingerprint is part of the cagg's key.

use super::args::bool_arg;
use super::{Cx, R};
use crate::objects::*;
use crate::query::canonical_query;
use migrator_core::schema::{QualifiedName, Schema};
use migrator_postgres::load::column_sort_key;
use pg_query::protobuf::{self as pb, node::Node as N};

impl Cx<'_> {
    /// `ALTER MATERIALIZED VIEW … SET (timescaledb.materialized_only)` on a cagg.
    pub(super) fn alter_cagg(
        &self,
        view: &QualifiedName,
        options: &[&pb::DefElem],
        schema: &mut Schema,
    ) -> R<()> {
        let (k, mut c) = find_cagg(schema, view)
            .ok_or_else(|| format!("{view} is not a continuous aggregate"))?;
        for d in options {
            match d.defname.as_str() {
                "materialized_only" => {
                    c.materialized_only = d
                        .arg
                        .as_deref()
                        .map_or(Some(true), bool_arg)
                        .ok_or("timescaledb.materialized_only takes true or false")?;
                }
                other => {
                    return Err(format!(
                        "ALTER MATERIALIZED VIEW … SET (timescaledb.{other}) is not supported yet"
                    ))
                }
            }
        }
        set_payload(schema, &k, &c)
    }

    /// `CREATE MATERIALIZED VIEW … WITH (timescaledb.continuous)`; `None` for any other view.
    pub(super) fn create_cagg(
        &self,
        s: &pb::CreateTableAsStmt,
        schema: &mut Schema,
    ) -> Option<R<()>> {
        let into = s.into.as_deref()?;
        let continuous = into.options.iter().any(|o| {
            matches!(&o.node, Some(N::DefElem(d)) if matches!(d.defnamespace.as_str(), "timescaledb" | "tsdb") && d.defname == "continuous")
        });
        continuous.then(|| self.add_cagg(s, into, schema))
    }

    /// Adds the continuous aggregate `s` creates (`into` names it).
    fn add_cagg(
        &self,
        s: &pb::CreateTableAsStmt,
        into: &pb::IntoClause,
        schema: &mut Schema,
    ) -> R<()> {
        let rv = into
            .rel
            .as_ref()
            .ok_or("CREATE MATERIALIZED VIEW without a name")?;
        let view = if rv.schemaname.is_empty() {
            QualifiedName::new(self.creation_schema(), rv.relname.clone())
        } else {
            QualifiedName::new(rv.schemaname.clone(), rv.relname.clone())
        };
        if !into.col_names.is_empty() {
            return Err(format!("continuous aggregate {view}: a column name list is not supported yet; name the columns with AS in the query"));
        }
        let mut materialized_only = true;
        let mut create_group_indexes = true;
        for o in &into.options {
            let Some(N::DefElem(d)) = &o.node else {
                continue;
            };
            match d.defname.as_str() {
                "continuous" => {}
                "materialized_only" => {
                    materialized_only = d
                        .arg
                        .as_deref()
                        .map_or(Some(true), bool_arg)
                        .ok_or("timescaledb.materialized_only takes true or false")?;
                }
                "create_group_indexes" => {
                    create_group_indexes = d
                        .arg
                        .as_deref()
                        .map_or(Some(true), bool_arg)
                        .ok_or("timescaledb.create_group_indexes takes true or false")?;
                }
                "finalized" => {}
                other => {
                    return Err(format!(
                        "continuous aggregate {view}: timescaledb.{other} is not supported yet"
                    ))
                }
            }
        }
        if find_cagg(schema, &view).is_some() {
            if s.if_not_exists {
                return Ok(());
            }
            return Err(format!("continuous aggregate {view} already exists"));
        }
        let q = s
            .query
            .as_deref()
            .ok_or("a continuous aggregate needs a query")?;
        let source = match &q.node {
            Some(N::SelectStmt(sel)) => sel.from_clause.iter().find_map(|f| match &f.node {
                Some(N::RangeVar(r)) => Some(r.clone()),
                _ => None,
            }),
            _ => None,
        }
        .ok_or_else(|| format!("continuous aggregate {view}: the query must read one hypertable or continuous aggregate in FROM"))?;
        let source = self.rangevar(&source, schema);
        let base = if let Some((k, _)) = find_cagg(schema, &source) {
            k
        } else if let Ok((k, _)) = self.hypertable(schema, &source) {
            k
        } else {
            return Err(format!("continuous aggregate {view}: {source} is not a hypertable or a continuous aggregate"));
        };
        let inputs = input_columns(schema, &source);
        let query = canonical_query(q, &self.creation_schema(), &|c| {
            inputs.iter().any(|i| i == c)
        })?;
        let c = ContinuousAggregate {
            view,
            create_group_indexes: group_indexes(&query, create_group_indexes),
            query,
            materialized_only,
        };
        let k = cagg_key(&c, &base);
        insert_object(schema, k, vec![], vec![base], &c);
        Ok(())
    }

    /// `CREATE INDEX` on a cagg; `None` for an index on anything else.
    pub(super) fn create_cagg_index(
        &self,
        s: &pb::IndexStmt,
        schema: &mut Schema,
    ) -> Option<R<()>> {
        let view = self.rangevar(s.relation.as_ref()?, schema);
        let (ck, _) = find_cagg(schema, &view)?;
        Some(add_cagg_index(s, view, ck, schema))
    }
}

/// Adds the index `s` creates on the continuous aggregate `view`, whose key is `ck`.
fn add_cagg_index(
    s: &pb::IndexStmt,
    view: QualifiedName,
    ck: QualifiedName,
    schema: &mut Schema,
) -> R<()> {
    if s.idxname.is_empty() {
        return Err(format!("an index on the continuous aggregate {view} needs a name (its implicit name would depend on the materialization hypertable)"));
    }
    let i = cagg_index_from_stmt(s, view.clone())?;
    let k = cagg_index_key(&view.schema, &s.idxname, &ck);
    if schema.dialect_objects.contains_key(&object_id(&k)) {
        if s.if_not_exists {
            return Ok(());
        }
        return Err(format!("index {} already exists", s.idxname));
    }
    insert_object(schema, k, vec![], vec![ck], &i);
    Ok(())
}

/// The columns a relation offers a query: a table's, or a cagg's output columns.
fn input_columns(schema: &Schema, rel: &QualifiedName) -> Vec<String> {
    if let Some(t) = schema.tables.get(rel) {
        return t.columns.iter().map(|c| c.name.clone()).collect();
    }
    let Some((_, c)) = find_cagg(schema, rel) else {
        return vec![];
    };
    let Ok(parsed) = pg_query::parse(&c.query, 0) else {
        return vec![];
    };
    match parsed
        .protobuf
        .stmts
        .first()
        .and_then(|s| s.stmt.as_deref())
        .and_then(|s| s.node.as_ref())
    {
        Some(N::SelectStmt(s)) => s
            .target_list
            .iter()
            .filter_map(|t| match &t.node {
                Some(N::ResTarget(r)) => Some(r.name.clone()),
                _ => None,
            })
            .collect(),
        _ => vec![],
    }
}

/// The key of an index on a cagg.
pub fn cagg_index_key(schema: &str, index: &str, cagg: &QualifiedName) -> QualifiedName {
    key(
        CAGG_INDEX,
        &format!("{schema}.{index}#{}", key_fingerprint(cagg)),
    )
}

/// An index on a cagg, from its `CREATE INDEX` (the file's, or the catalog's
/// `pg_get_indexdef` on the materialization hypertable).
pub fn cagg_index_from_stmt(s: &pb::IndexStmt, view: QualifiedName) -> R<CaggIndex> {
    if !matches!(s.access_method.as_str(), "" | "btree") {
        return Err("only btree indexes on continuous aggregates are supported yet".into());
    }
    if s.where_clause.is_some() || !s.index_including_params.is_empty() || !s.options.is_empty() {
        return Err(
            "indexes on continuous aggregates with WHERE, INCLUDE or WITH are not supported yet"
                .into(),
        );
    }
    let mut keys = Vec::new();
    for p in &s.index_params {
        let Some(N::IndexElem(e)) = &p.node else {
            continue;
        };
        if e.name.is_empty() {
            return Err("expression indexes on continuous aggregates are not supported yet".into());
        }
        keys.push(column_sort_key(&e.name, e.ordering, e.nulls_ordering));
    }
    Ok(CaggIndex {
        view,
        name: s.idxname.clone(),
        unique: s.unique,
        keys,
    })
}
