//! Loading this kind from parsed SQL statements.
//!
//! `CREATE [OR REPLACE] VIEW` and `CREATE MATERIALIZED VIEW` (the query in canonical form,
//! its columns, the relations and functions it reads, a materialized view's storage
//! parameters; a plain view's options and what `ALTER [MATERIALIZED] VIEW` sets are
//! [`super::options`]'), `DROP VIEW [CASCADE]`, `COMMENT ON VIEW` and `COMMENT ON COLUMN`
//! of a view's column. A materialized view with another dialect's options (a TimescaleDB
//! continuous aggregate) is skipped, and its indexes with it.

use crate::load::{Commented, Dropped, Loader, R};
use crate::normalize::strings;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N, Node};

impl Loader {
    /// `CREATE [OR REPLACE] VIEW`.
    pub(crate) fn create_plain_view(&mut self, s: &pb::ViewStmt) -> R<()> {
        let rv = s.view.as_ref().ok_or("CREATE VIEW without a name")?;
        let options = super::options::create_options(&s.options, s.with_check_option)?;
        self.create_view(rv, &s.aliases, s.query.as_deref(), false, false, s.replace)?;
        if let Some(v) = self.schema.views.get_mut(&self.new_name(rv)) {
            v.options = options;
        }
        Ok(())
    }

    /// `CREATE MATERIALIZED VIEW [IF NOT EXISTS] … [WITH NO DATA]`.
    pub(crate) fn create_materialized_view(&mut self, s: &pb::CreateTableAsStmt) -> R<()> {
        let into = s
            .into
            .as_ref()
            .ok_or("CREATE MATERIALIZED VIEW without a name")?;
        let rv = into
            .rel
            .as_ref()
            .ok_or("CREATE MATERIALIZED VIEW without a name")?;
        // `WITH (timescaledb.continuous)` and the like: another dialect's object. (`toast.`
        // names a storage parameter of the view's TOAST table.)
        let foreign = into.options.iter().find_map(|o| match &o.node {
            Some(N::DefElem(d)) if !d.defnamespace.is_empty() && d.defnamespace != "toast" => {
                Some(d.defnamespace.clone())
            }
            _ => None,
        });
        if let Some(ns) = foreign {
            let name = self.new_name(rv);
            self.warn(format!(
                "skipped: materialized view {name} has `{ns}.` options, so it belongs to another dialect ({ns}); so do its indexes"
            ));
            self.skipped_relations.insert(name);
            return Ok(());
        }
        if s.if_not_exists && self.schema.views.contains_key(&self.new_name(rv)) {
            return Ok(());
        }
        self.create_view(
            rv,
            &into.col_names,
            s.query.as_deref(),
            true,
            into.skip_data,
            false,
        )?;
        let parameters = crate::kinds::table::load::storage_parameters(&into.options);
        if let Some(v) = self.schema.views.get_mut(&self.new_name(rv)) {
            v.storage_parameters = parameters;
        }
        Ok(())
    }

    /// `CREATE VIEW` and `CREATE MATERIALIZED VIEW`.
    fn create_view(
        &mut self,
        rv: &pb::RangeVar,
        aliases: &[Node],
        query: Option<&Node>,
        materialized: bool,
        with_no_data: bool,
        replace: bool,
    ) -> R<()> {
        let name = self.new_name(rv);
        let mut query = query.ok_or("a view without a query")?.clone();
        // A column list names the query's targets, as the catalog shows it (`x AS a`).
        let aliases = strings(aliases);
        if let Some(N::SelectStmt(s)) = query.node.as_mut() {
            for (t, a) in s.target_list.iter_mut().zip(&aliases) {
                if let Some(N::ResTarget(r)) = t.node.as_mut() {
                    r.name = a.clone();
                }
            }
        }
        let mut sql = query
            .deparse(Default::default())
            .map_err(|e| e.to_string())?;
        // Names the file's search path resolved are written with their schemas.
        if let Some(qualified) = self.qualify_sql(&sql) {
            query = first_statement(&qualified)?;
            sql = qualified;
        }
        let canonical = crate::query::canonical_query(&query, self)?;
        for r in &canonical.relations {
            self.uses.borrow_mut().relation(r, &self.file, self.line);
        }
        if self.schema.views.contains_key(&name) && !replace {
            return Err(format!("relation {name} already exists"));
        }
        // `CREATE OR REPLACE` keeps the comments, those of the columns that stay too.
        let comment = self.schema.views.get(&name).and_then(|v| v.comment.clone());
        let mut column_comments = self
            .schema
            .views
            .get(&name)
            .map(|v| v.column_comments.clone())
            .unwrap_or_default();
        column_comments.retain(|c, _| canonical.columns.contains(c));
        // So does it the defaults of the columns that stay.
        let mut column_defaults = self
            .schema
            .views
            .get(&name)
            .map(|v| v.column_defaults.clone())
            .unwrap_or_default();
        column_defaults.retain(|c, _| canonical.columns.contains(c));
        // The functions the query calls and the operators it uses: a view is dropped and
        // created around one of them being dropped and created.
        let default_schema = self.creation_schema();
        let mut refs: Vec<QualifiedName> = pg_query::parse(&sql, 0)
            .map(|p| p.functions())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| match f.split_once('.') {
                Some(("pg_catalog", _)) => None,
                Some((schema, name)) => Some(QualifiedName::new(schema, name)),
                None => Some(QualifiedName::new(default_schema.clone(), f)),
            })
            .collect();
        refs.extend(self.operators_used(&query));
        refs.sort();
        refs.dedup();
        self.schema.views.insert(
            name.clone(),
            View {
                name,
                materialized,
                query: Expr {
                    sql,
                    key: canonical.key,
                    refs,
                    // A query reads columns of several relations: `depends_on` says which.
                    columns: vec![],
                },
                columns: canonical.columns,
                column_casts: canonical.casts,
                depends_on: canonical.relations,
                expands_star: canonical.expands_star,
                with_no_data,
                options: ViewOptions::default(),
                storage_parameters: Vec::new(),
                cluster_on: None,
                column_defaults,
                column_statistics: Default::default(),
                column_options: Default::default(),
                comment,
                column_comments,
            },
        );
        Ok(())
    }

    /// Derives again the views that read `relation` after a rename, from their queries with
    /// `op` (the rename) applied: their canonical form depends on the renamed schema.
    pub(crate) fn rederive_views(
        &mut self,
        relation: &QualifiedName,
        op: &mut dyn FnMut(&mut Node) -> bool,
    ) -> R<()> {
        let readers: Vec<View> = self
            .schema
            .views
            .values()
            .filter(|v| v.depends_on.contains(relation))
            .cloned()
            .collect();
        for v in readers {
            let Ok(parsed) = pg_query::parse(&v.query.sql, 0) else {
                continue;
            };
            let first = parsed.protobuf.stmts.into_iter().next();
            let Some(mut query) = first.and_then(|s| s.stmt).map(|s| *s) else {
                continue;
            };
            if !op(&mut query) {
                continue;
            }
            let rv = pb::RangeVar {
                schemaname: v.name.schema.clone(),
                relname: v.name.name.clone(),
                inh: true,
                relpersistence: "p".into(),
                ..Default::default()
            };
            self.create_view(&rv, &[], Some(&query), v.materialized, v.with_no_data, true)?;
            if let Some(again) = self.schema.views.get_mut(&v.name) {
                again.options = v.options;
                again.storage_parameters = v.storage_parameters;
                again.cluster_on = v.cluster_on;
                again.column_defaults = v.column_defaults;
                again.column_statistics = v.column_statistics;
                again.column_options = v.column_options;
            }
        }
        Ok(())
    }

    /// `DROP [MATERIALIZED] VIEW`: its indexes and members go with it, and with `CASCADE`
    /// the views that read it.
    pub(crate) fn drop_view(&mut self, d: &Dropped<'_>) -> R<()> {
        let q = self.qualified(&d.names, |q| self.schema.views.contains_key(q))?;
        if !d.removed(&mut self.schema.views, &q, "view")? {
            return Ok(());
        }
        // Its indexes, triggers, rules and privileges go with it.
        self.schema.drop_relation(&q, d.cascade);
        Ok(())
    }

    /// `COMMENT ON [MATERIALIZED] VIEW`.
    pub(crate) fn comment_view(&mut self, c: &Commented<'_>) -> R<()> {
        let q = self.qualified(&c.names, |q| self.schema.views.contains_key(q))?;
        c.set_on(&mut self.schema.views, &q, "view")
    }

    /// `COMMENT ON COLUMN view.column` (a view's or a materialized view's): `None` when
    /// the relation is not a view.
    pub(crate) fn comment_view_column(&mut self, c: &Commented<'_>) -> Option<R<()>> {
        let (column, rel) = c.names.split_last()?;
        let q = self
            .qualified(rel, |q| self.schema.views.contains_key(q))
            .ok()?;
        let v = self.schema.views.get_mut(&q)?;
        if !v.columns.contains(column) {
            return Some(Err(format!("column {column} of view {q} does not exist")));
        }
        match &c.text {
            Some(text) => v.column_comments.insert(column.clone(), text.clone()),
            None => v.column_comments.remove(column),
        };
        Some(Ok(()))
    }

    /// `REFRESH MATERIALIZED VIEW`: it fills the view with data, and changes no schema.
    pub(crate) fn refresh_materialized_view(&mut self, _: &pb::RefreshMatViewStmt) -> R<()> {
        Ok(())
    }
}

statement_hook! {
    ViewStmt => create_plain_view,
    CreateTableAsStmt[objtype = ObjectMatview] => create_materialized_view,
    RefreshMatViewStmt => refresh_materialized_view,
}

/// The first statement of `sql`, parsed.
fn first_statement(sql: &str) -> R<Node> {
    let parsed = pg_query::parse(sql, 0).map_err(|e| e.to_string())?;
    let first = parsed.protobuf.stmts.into_iter().next();
    first
        .and_then(|s| s.stmt)
        .map(|s| *s)
        .ok_or_else(|| format!("not a statement: {sql}"))
}
