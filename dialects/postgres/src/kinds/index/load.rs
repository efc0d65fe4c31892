//! Loading this kind from parsed SQL statements.
//!
//! `CREATE INDEX` (keys as SQL and in canonical form, the implicit name PostgreSQL would
//! choose, `INCLUDE`, `WITH`, a predicate), `DROP INDEX`, `COMMENT ON INDEX` (on the index
//! behind a key too, which is the key's `index_comment`) and `ALTER INDEX … RENAME`. Indexes on another dialect's relations are skipped with them.

use crate::load::{altered_options, does_not_exist, rename_entry, Commented, Dropped, Loader, R};
use crate::names::{choose_name, index_column_names};
use crate::normalize::{expr_from_node, strings};
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N};

impl Loader {
    /// `CREATE [UNIQUE] INDEX [IF NOT EXISTS]`, named as PostgreSQL would when unnamed.
    pub(crate) fn create_index(&mut self, s: &pb::IndexStmt) -> R<()> {
        let rv = s.relation.as_ref().ok_or("CREATE INDEX without a table")?;
        let table = self.relation_name(rv);
        if self.skipped_relations.contains(&table) {
            return Ok(());
        }
        let exists = self.schema.tables.contains_key(&table)
            || self
                .schema
                .views
                .get(&table)
                .is_some_and(|v| v.materialized);
        if !exists {
            return Err(does_not_exist("table", &table));
        }
        let mut keys = Vec::new();
        for p in &s.index_params {
            let Some(N::IndexElem(e)) = &p.node else {
                continue;
            };
            let mut key = index_key(e, &self.creation_schema())?;
            if let Some(x) = e.expr.as_deref() {
                key.def.refs.extend(self.operators_used(x));
            }
            if self.names_default_opclass(&table, e, &s.access_method) {
                let mut plain = e.clone();
                plain.opclass.clear();
                key.def.key = index_key(&plain, &self.creation_schema())?.def.key;
            }
            keys.push(key);
        }
        let name = if s.idxname.is_empty() {
            let elems = s.index_params.iter().chain(&s.index_including_params);
            let n2 = index_column_names(elems.filter_map(|p| match &p.node {
                Some(N::IndexElem(e)) => Some(e.as_ref()),
                _ => None,
            }))
            .join("_");
            QualifiedName::new(
                table.schema.clone(),
                choose_name(&table.name, Some(&n2), "idx", |n| {
                    self.relation_name_taken(&table.schema, n)
                }),
            )
        } else {
            QualifiedName::new(table.schema.clone(), s.idxname.clone())
        };
        if self.schema.indexes.contains_key(&name)
            || self.relation_name_taken(&name.schema, &name.name)
        {
            if s.if_not_exists {
                return Ok(());
            }
            return Err(format!("relation {name} already exists"));
        }
        let with = crate::kinds::table::load::storage_parameters(&s.options);
        let predicate = s
            .where_clause
            .as_deref()
            .map(|w| self.expr(w))
            .transpose()?;
        let index = Index {
            name: name.clone(),
            table,
            unique: s.unique,
            method: if s.access_method.is_empty() {
                "btree".into()
            } else {
                s.access_method.clone()
            },
            keys,
            include: s
                .index_including_params
                .iter()
                .filter_map(|p| match &p.node {
                    Some(N::IndexElem(e)) => Some(e.name.clone()),
                    _ => None,
                })
                .collect(),
            with,
            predicate,
            nulls_not_distinct: s.nulls_not_distinct,
            statistics: Default::default(),
            comment: None,
            adopts: Vec::new(),
            after_parent: None,
        };
        if rv.inh {
            self.adopt_partition_indexes(&index.table, &index);
        }
        self.schema.indexes.insert(name, index);
        Ok(())
    }

    /// `DROP INDEX`: a relation clustered on it is not clustered any more, as PostgreSQL
    /// forgets `indisclustered` with the index.
    pub(crate) fn drop_index(&mut self, d: &Dropped<'_>) -> R<()> {
        let q = self.qualified(&d.names, |q| self.schema.indexes.contains_key(q))?;
        let on = self.schema.indexes.get(&q).map(|i| i.table.clone());
        d.remove(&mut self.schema.indexes, &q, "index")?;
        let Some(on) = on else { return Ok(()) };
        let clustered = |c: &mut Option<String>| {
            if c.as_deref() == Some(q.name.as_str()) {
                *c = None;
            }
        };
        if let Some(t) = self.schema.tables.get_mut(&on) {
            clustered(&mut t.cluster_on);
        }
        if let Some(v) = self.schema.views.get_mut(&on) {
            clustered(&mut v.cluster_on);
        }
        Ok(())
    }

    /// `COMMENT ON INDEX`, on a stand-alone index or on the index behind a PRIMARY KEY,
    /// UNIQUE or EXCLUDE constraint (which has the constraint's name in the table's
    /// schema); the latter is the constraint's `index_comment`, apart from its own comment.
    pub(crate) fn comment_index(&mut self, c: &Commented<'_>) -> R<()> {
        let q = self.qualified(&c.names, |q| {
            self.schema.indexes.contains_key(q) || self.key_of_index(q).is_some()
        })?;
        if let Some(i) = self.schema.indexes.get_mut(&q) {
            i.comment = c.text.clone();
            return Ok(());
        }
        let Some(table) = self.key_of_index(&q) else {
            return Err(does_not_exist("index", &q));
        };
        let key = self
            .schema
            .tables
            .get_mut(&table)
            .and_then(|t| t.constraints_mut().get_mut(&q.name));
        if let Some(key) = key {
            key.index_comment = c.text.clone();
        }
        Ok(())
    }

    /// The table whose key constraint (PRIMARY KEY, UNIQUE or EXCLUDE: those with an index)
    /// has index `q` behind it.
    pub(super) fn key_of_index(&self, q: &QualifiedName) -> Option<QualifiedName> {
        let keyed = |k: &Constraint| match k.kind {
            ConstraintKind::PrimaryKey { .. }
            | ConstraintKind::Unique { .. }
            | ConstraintKind::Exclude { .. } => k.name == q.name,
            ConstraintKind::Check { .. } | ConstraintKind::ForeignKey { .. } => false,
        };
        self.schema
            .tables
            .values()
            .find(|t| t.name.schema == q.schema && t.constraints.values().any(keyed))
            .map(|t| t.name.clone())
    }

    /// Whether index key `e` on `table` names its column type's (or expression type's)
    /// default operator class under `method` (without options), which compares as naming
    /// none.
    fn names_default_opclass(
        &self,
        table: &QualifiedName,
        e: &pb::IndexElem,
        method: &str,
    ) -> bool {
        let names = strings(&e.opclass);
        let class = match names.as_slice() {
            [c] => c,
            [schema, c] if schema == "pg_catalog" => c,
            _ => return false,
        };
        let method = if method.is_empty() { "btree" } else { method };
        if e.expr.is_some() {
            // An expression's type is not known here; a class PostgreSQL accepted for it
            // that is its method's default for its own input type is the expression
            // type's default too (the type is that type or binary-coercible to it).
            return e.opclassopts.is_empty() && super::opclass::is_a_default(method, class);
        }
        let Some(column) = self
            .schema
            .tables
            .get(table)
            .and_then(|t| t.columns.iter().find(|c| c.name == e.name))
        else {
            return false;
        };
        let is_enum = column
            .type_ref
            .as_ref()
            .is_some_and(|t| self.schema.enums.contains_key(t));
        e.opclassopts.is_empty()
            && super::opclass::default_opclass(method, &column.data_type, is_enum)
                == Some(class.as_str())
    }

    /// `ALTER INDEX … SET (name = value, …)` and `RESET (name, …)`, kept as PostgreSQL
    /// keeps them: a value set again in its place, a new one last.
    pub(crate) fn set_index_storage_parameters(
        &mut self,
        s: &pb::AlterTableStmt,
        cmd: &pb::AlterTableCmd,
    ) -> R<()> {
        let path = self.search_path.as_deref();
        let Some((index, options, reset)) =
            altered_options(path, (s, cmd), &mut self.schema.indexes, "index")?
        else {
            return Ok(());
        };
        crate::kinds::table::load::set_or_reset(&mut index.with, options, reset);
        Ok(())
    }

    /// `ALTER INDEX … ALTER [COLUMN] n SET STATISTICS target`: only on an expression
    /// column, by its number, as PostgreSQL allows it; the target is kept as PostgreSQL
    /// keeps it (above 10000 lowered to 10000, -1 the default).
    pub(crate) fn set_index_statistics(
        &mut self,
        s: &pb::AlterTableStmt,
        cmd: &pb::AlterTableCmd,
    ) -> R<()> {
        let rv = s.relation.as_ref().ok_or("ALTER INDEX without a name")?;
        let q = self.resolve(&rv.schemaname, &rv.relname, |q| {
            self.schema.indexes.contains_key(q)
        });
        let target = crate::kinds::column::load::statistics_target(
            cmd.def.as_deref().map(crate::normalize::const_text),
        )?;
        let Some(index) = self.schema.indexes.get_mut(&q) else {
            if s.missing_ok {
                return Ok(());
            }
            return Err(does_not_exist("index", &q));
        };
        if cmd.num <= 0 {
            return Err(format!(
                "ALTER INDEX {q} ALTER COLUMN {} SET STATISTICS: name the column by its number (ALTER COLUMN 1, 2, …), the form PostgreSQL documents for an index",
                cmd.name
            ));
        }
        let n = cmd.num as usize;
        if n > index.keys.len() + index.include.len() {
            return Err(format!(
                "column number {n} of relation \"{}\" does not exist",
                q.name
            ));
        }
        let Some(key) = index.keys.get(n - 1) else {
            return Err(format!(
                "cannot alter statistics on included column \"{}\" of index \"{}\"",
                index.include[n - index.keys.len() - 1],
                q.name
            ));
        };
        if let Some(column) = &key.column {
            return Err(format!(
                "cannot alter statistics on non-expression column \"{column}\" of index \"{}\" (alter statistics on the table column instead)",
                q.name
            ));
        }
        let column = cmd.num as u16;
        match target {
            None => index.statistics.remove(&column),
            Some(t) => index.statistics.insert(column, t),
        };
        Ok(())
    }

    /// `ALTER INDEX … RENAME TO`.
    ///
    /// The index of a key constraint is renamed with its constraint, as PostgreSQL does. A
    /// table clustered on the index, or whose replica identity is the index, follows.
    pub(crate) fn rename_index(&mut self, s: &pb::RenameStmt) -> R<()> {
        let rv = s.relation.as_ref().ok_or("RENAME without a name")?;
        let q = self.resolve(&rv.schemaname, &rv.relname, |q| {
            self.schema.indexes.contains_key(q) || self.key_of_index(q).is_some()
        });
        let table = match self.schema.indexes.get(&q) {
            Some(index) => index.table.clone(),
            None => match self.key_of_index(&q) {
                Some(table) => return self.rename_key(&table, &q.name, &s.newname),
                None => return Err(does_not_exist("index", &q)),
            },
        };
        let path = self.search_path.as_deref();
        rename_entry(path, s, &mut self.schema.indexes, "index", |x, n| {
            x.name = n
        })?;
        self.index_renamed(&table, &q.name, &s.newname);
        Ok(())
    }

    /// What names index `from` of `table` by name follows its rename to `to`: the index the
    /// table (or materialized view) is clustered on and the table's replica identity's.
    pub(crate) fn index_renamed(&mut self, table: &QualifiedName, from: &str, to: &str) {
        if let Some(v) = self.schema.views.get_mut(table) {
            if v.cluster_on.as_deref() == Some(from) {
                v.cluster_on = Some(to.to_string());
            }
        }
        let Some(t) = self.schema.tables.get_mut(table) else {
            return;
        };
        if t.cluster_on.as_deref() == Some(from) {
            t.cluster_on = Some(to.to_string());
        }
        if t.replica_identity == ReplicaIdentity::Index(from.to_string()) {
            t.replica_identity = ReplicaIdentity::Index(to.to_string());
        }
    }
}

/// One index key part as SQL plus its canonical form.
///
/// An expression that is a plain column once the casts PostgreSQL adds or drops by itself
/// are gone (`(a::text)` on a `text` column, which PostgreSQL indexes as the column `a`; the
/// catalog's `((b)::character varying)` on a `varchar(50)` column) compares as that column,
/// and is emitted as written.
pub(crate) fn index_key(e: &pb::IndexElem, default_schema: &str) -> R<IndexKey> {
    if let Some(column) = as_plain_column(e) {
        return written_key(&column, default_schema);
    }
    let mut key = written_key(e, default_schema)?;
    if let Some(column) = e.expr.as_deref().and_then(|x| {
        let mut canonical = x.clone();
        crate::normalize::canonical_rewrite(&mut canonical);
        as_plain_column(&pb::IndexElem {
            expr: Some(Box::new(canonical)),
            ..e.clone()
        })
    }) {
        let plain = written_key(&column, default_schema)?;
        key.def.key = plain.def.key;
        key.column = plain.column;
    }
    Ok(key)
}

/// [`index_key`] of the key part as written.
fn written_key(e: &pb::IndexElem, default_schema: &str) -> R<IndexKey> {
    let (mut sql, mut key, mut refs, columns, column) = if e.name.is_empty() {
        let node = e
            .expr
            .as_deref()
            .ok_or("index element without a column or expression")?;
        let x = expr_from_node(node, default_schema)?;
        // The key compares as the node's shape says; the text to emit is parenthesised as the
        // grammar needs (`x AT TIME ZONE z` is a call in the tree, but not in the grammar).
        let key = match &node.node {
            Some(N::FuncCall(_)) => x.key,
            _ => format!("({})", x.key),
        };
        (
            crate::normalize::index_operand(&x.sql),
            key,
            x.refs,
            x.columns,
            None,
        )
    } else {
        let q = crate::quote::quote_ident(&e.name);
        (
            q.clone(),
            q,
            vec![],
            vec![e.name.clone()],
            Some(e.name.clone()),
        )
    };
    let mut suffix = String::new();
    if !e.collation.is_empty() {
        // Named as the catalog prints it (`pg_catalog`'s and `public`'s unqualified); a
        // user collation comes before the index.
        let names = strings(&e.collation);
        let names = match names.as_slice() {
            [schema, name] if schema == "pg_catalog" || schema == "public" => vec![name.clone()],
            _ => names,
        };
        match names.as_slice() {
            [name] if crate::kinds::collation::is_built_in(name) => {}
            [name] => refs.push(QualifiedName::new("public", name.clone())),
            [schema, name] => refs.push(QualifiedName::new(schema.clone(), name.clone())),
            _ => {}
        }
        suffix.push_str(&format!(
            " COLLATE {}",
            names
                .iter()
                .map(|s| crate::quote::quote_ident(s))
                .collect::<Vec<_>>()
                .join(".")
        ));
    }
    // The opclass is compared without the default schema: the catalog, read with an empty
    // search path, qualifies an extension's (`public.gin_trgm_ops`).
    let mut key_suffix = suffix.clone();
    if !e.opclass.is_empty() {
        let names = strings(&e.opclass);
        let names: Vec<&String> = names.iter().filter(|n| *n != "pg_catalog").collect();
        let join = |names: &[&String]| {
            names
                .iter()
                .map(|s| crate::quote::quote_ident(s))
                .collect::<Vec<_>>()
                .join(".")
        };
        suffix.push_str(&format!(" {}", join(&names)));
        let unqualified = match names.as_slice() {
            [schema, name] if *schema == default_schema => vec![*name],
            _ => names.clone(),
        };
        key_suffix.push_str(&format!(" {}", join(&unqualified)));
    }
    let suffix_len = suffix.len();
    let (desc, nulls_first) = sort_order(e.ordering, e.nulls_ordering);
    push_sort_order(&mut suffix, desc, nulls_first);
    key_suffix.push_str(&suffix[suffix_len..]);
    sql.push_str(&suffix);
    key.push_str(&key_suffix);
    Ok(IndexKey {
        def: Expr {
            sql,
            key,
            refs,
            columns,
        },
        column,
    })
}

/// Whether a key written `[ASC | DESC] [NULLS FIRST | LAST]` (pg_query's `SortByDir` and
/// `SortByNulls`) sorts descending, and whether its NULLs come first.
fn sort_order(direction: i32, nulls: i32) -> (bool, bool) {
    let desc = direction == pb::SortByDir::SortbyDesc as i32;
    let nulls_first = match pb::SortByNulls::try_from(nulls) {
        Ok(pb::SortByNulls::SortbyNullsFirst) => true,
        Ok(pb::SortByNulls::SortbyNullsLast) => false,
        _ => desc,
    };
    (desc, nulls_first)
}

/// A plain column as a sort key (`"name" DESC NULLS LAST`), from the direction and NULLS
/// ordering pg_query read, printed as `pg_get_indexdef` prints it: NULLS only where it is
/// not the default. TimescaleDB writes cagg index keys and compression orderings with it.
pub fn column_sort_key(name: &str, direction: i32, nulls: i32) -> String {
    let (desc, nulls_first) = sort_order(direction, nulls);
    column_index_key(name, desc, nulls_first).def.sql
}

/// Appends ` DESC` / ` NULLS FIRST` / ` NULLS LAST` where they differ from the default, as
/// `pg_get_indexdef` prints them.
fn push_sort_order(out: &mut String, desc: bool, nulls_first: bool) {
    if desc {
        out.push_str(" DESC");
    }
    match (nulls_first, desc) {
        (true, false) => out.push_str(" NULLS FIRST"),
        (false, true) => out.push_str(" NULLS LAST"),
        _ => {}
    }
}

/// The key part of an index on the plain column `name` with the default operator class and
/// collation (what [`index_key`] makes of `"name" DESC NULLS LAST`), built from catalog rows.
pub(crate) fn column_index_key(name: &str, desc: bool, nulls_first: bool) -> IndexKey {
    let mut sql = crate::quote::quote_ident(name);
    push_sort_order(&mut sql, desc, nulls_first);
    IndexKey {
        def: Expr {
            sql: sql.clone(),
            key: sql,
            refs: vec![],
            columns: vec![name.to_string()],
        },
        column: Some(name.to_string()),
    }
}

statement_hook! {
    IndexStmt => create_index,
}

/// `(column)` or `(column COLLATE c)` written as an expression: PostgreSQL indexes the plain
/// column (`ComputeIndexAttrs`), so the key is the column's.
fn as_plain_column(e: &pb::IndexElem) -> Option<pb::IndexElem> {
    let column_name = |n: &pb::Node| match &n.node {
        Some(N::ColumnRef(c)) if c.fields.len() == 1 => match &c.fields[0].node {
            Some(N::String(s)) => Some(s.sval.clone()),
            _ => None,
        },
        _ => None,
    };
    let expr = e.expr.as_deref()?;
    let (name, collation) = match &expr.node {
        Some(N::CollateClause(c)) if e.collation.is_empty() => {
            (column_name(c.arg.as_deref()?)?, c.collname.clone())
        }
        _ => (column_name(expr)?, e.collation.clone()),
    };
    Some(pb::IndexElem {
        name,
        expr: None,
        collation,
        ..e.clone()
    })
}
