//! `CREATE TABLE … (LIKE source [INCLUDING … | EXCLUDING …], …)`, expanded as PostgreSQL
//! expands it, from the source table as it is at that statement.
//!
//! Two steps, as in PostgreSQL's `parse_utilcmd.c`: [`Loader::like_columns`]
//! (`transformTableLikeClause`) copies the columns where the clause stands, with their types,
//! collations and NOT NULL always, and defaults, generation expressions, identity, storage
//! and comments as the options ask; [`Loader::like_expand`] (`expandTableLikeClause`), after
//! the statement's own constraints, copies the CHECK constraints under their own names and
//! the keys, exclusion constraints and indexes under the names PostgreSQL chooses for the new
//! table ([`choose_name`]). Foreign keys are never copied; neither is a primary key's or a
//! unique constraint's own comment (PostgreSQL copies the comment of their index, which the
//! model does not hold). [`Loader::like_statistics`] copies the statistics objects
//! (`INCLUDING STATISTICS`) under the names PostgreSQL's `ChooseExtendedStatisticName`
//! gives them. `COMPRESSION` copies what the model cannot hold yet, so there is never
//! anything for it to copy.

use crate::introspect::first_statement;
use crate::load::{does_not_exist, Loader, R};
use crate::names::{choose_name, index_column_names};
use crate::quote::quote_ident;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N};

use pb::TableLikeOption::{
    CreateTableLikeComments as COMMENTS, CreateTableLikeConstraints as CONSTRAINTS,
    CreateTableLikeDefaults as DEFAULTS, CreateTableLikeGenerated as GENERATED,
    CreateTableLikeIdentity as IDENTITY, CreateTableLikeIndexes as INDEXES,
    CreateTableLikeStatistics as STATISTICS, CreateTableLikeStorage as STORAGE,
};

/// A `LIKE` clause whose columns are copied, waiting for its constraints and indexes.
pub(crate) struct Like {
    source: Table,
    options: u32,
}

impl Like {
    /// `options` holds the `CREATE_TABLE_LIKE_*` bits of PostgreSQL's `parsenodes.h`; the
    /// protobuf enum numbers the same options from 1, in the same order.
    fn has(&self, option: pb::TableLikeOption) -> bool {
        self.options & (1 << (option as u32 - 1)) != 0
    }
}

impl Loader {
    /// Copies the columns of the clause's source into `table` where the clause stands. A
    /// column the table already has is PostgreSQL's error, unless it is inherited (then the
    /// two merge, as a declared column does).
    pub(crate) fn like_columns(&self, table: &mut Table, clause: &pb::TableLikeClause) -> R<Like> {
        let rv = clause.relation.as_ref().ok_or("LIKE without a table")?;
        let name = self.relation_name(rv);
        let Some(source) = self.schema.tables.get(&name) else {
            if self.schema.views.contains_key(&name) {
                return Err(format!("LIKE {name}: LIKE a view is not supported yet"));
            }
            return Err(does_not_exist("relation", &name));
        };
        if source.partition_of.is_some() {
            return Err(format!(
                "LIKE {name}: LIKE a partition is not supported yet"
            ));
        }
        let like = Like {
            source: source.clone(),
            options: clause.options,
        };
        for sc in like.source.columns.iter() {
            if like.has(IDENTITY) && sc.identity.is_some() && sc.data_type != "bigint" {
                // PostgreSQL copies the sequence's bounds but not its type: the copy's
                // sequence is a bigint one bounded like the source's, which an identity
                // column's own options cannot say.
                return Err(format!(
                    "LIKE {name} INCLUDING IDENTITY: copying the {} identity column {} is not \
                     supported yet (PostgreSQL gives the copy a bigint sequence); declare the \
                     column in the new table",
                    sc.data_type, sc.name
                ));
            }
            let col = Column {
                default: sc.default.clone().filter(|_| like.has(DEFAULTS)),
                identity: sc.identity.clone().filter(|_| like.has(IDENTITY)),
                generated: sc.generated.clone().filter(|_| like.has(GENERATED)),
                comment: sc.comment.clone().filter(|_| like.has(COMMENTS)),
                storage: sc.storage.clone().filter(|_| like.has(STORAGE)),
                renamed_from: None,
                inherited: false,
                statistics: None,
                options: Vec::new(),
                ..sc.clone()
            };
            match table.column_mut(&col.name) {
                Some(c) if c.inherited => {
                    if c.data_type != col.data_type {
                        return Err(format!(
                            "column {} has a type conflict: {} versus {}",
                            col.name, c.data_type, col.data_type
                        ));
                    }
                    let not_null = c.not_null || col.not_null;
                    *c = Column { not_null, ..col };
                }
                Some(_) => {
                    return Err(format!("column {} specified more than once", col.name));
                }
                None => table.columns_mut().push(col),
            }
        }
        Ok(like)
    }

    /// After the statement's own constraints: the clause's CHECK constraints
    /// (`INCLUDING CONSTRAINTS`), keys, exclusion constraints and indexes (`INCLUDING
    /// INDEXES`) onto `table`. Returns the stand-alone indexes, to be added with the table.
    pub(crate) fn like_expand(&self, table: &mut Table, like: &Like) -> R<Vec<Index>> {
        if like.has(CONSTRAINTS) {
            for c in like.source.constraints.values() {
                let ConstraintKind::Check { .. } = c.kind else {
                    continue;
                };
                if table.constraints.contains_key(&c.name) {
                    return Err(format!(
                        "constraint {} for relation {} already exists",
                        c.name, table.name
                    ));
                }
                let copy = Constraint {
                    comment: c.comment.clone().filter(|_| like.has(COMMENTS)),
                    index_comment: None,
                    not_valid: false,
                    using_index: None,
                    ..c.clone()
                };
                table.constraints_mut().insert(c.name.clone(), copy);
            }
        }
        if !like.has(INDEXES) {
            return Ok(Vec::new());
        }
        let mut chosen: Vec<String> = Vec::new();
        // PostgreSQL clones the indexes in the order it made them: the keys (made with the
        // table) first, then the stand-alone indexes (by name, which orders `…_idx`,
        // `…_idx1` as they were made).
        for c in like.source.constraints.values() {
            self.like_key(table, c, like.has(COMMENTS), &mut chosen)?;
        }
        let mut out = Vec::new();
        let sources = self
            .schema
            .indexes
            .values()
            .filter(|i| i.table == like.source.name);
        for i in sources {
            let parts = copied_column_names(i)?;
            let name = self.like_name(table, &parts.join("_"), "idx", &chosen);
            chosen.push(name.clone());
            out.push(Index {
                name: QualifiedName::new(table.name.schema.clone(), name),
                table: table.name.clone(),
                comment: i.comment.clone().filter(|_| like.has(COMMENTS)),
                // The copy's attributes start from the default statistics target.
                statistics: Default::default(),
                adopts: Vec::new(),
                after_parent: None,
                ..i.clone()
            });
        }
        Ok(out)
    }

    /// `INCLUDING STATISTICS`: the source's statistics objects, copied onto `table` into
    /// `out` (past those already there), each named as `ChooseExtendedStatisticName` names
    /// it in the table's schema: the table's name, its columns (in the table's order) and
    /// `expr` for each expression, and `stat`. Comments come along under `INCLUDING
    /// COMMENTS`; targets do not.
    pub(crate) fn like_statistics(&self, table: &Table, like: &Like, out: &mut Vec<Statistics>) {
        if !like.has(STATISTICS) {
            return;
        }
        let position = |c: &String| like.source.columns.iter().position(|x| x.name == *c);
        let sources = self.schema.statistics.values();
        for s in sources.filter(|s| s.table == like.source.name) {
            let mut columns = s.columns.clone();
            columns.sort_by_key(position);
            let mut parts = String::new();
            let items = columns.iter().map(String::as_str);
            for part in items.chain(s.expressions.iter().map(|_| "expr")) {
                if parts.len() >= 64 {
                    break;
                }
                if !parts.is_empty() {
                    parts.push('_');
                }
                parts.push_str(part);
            }
            let schema = &table.name.schema;
            let name = choose_name(&table.name.name, Some(&parts), "stat", |n| {
                let q = QualifiedName::new(schema.clone(), n);
                self.schema.statistics.contains_key(&q) || out.iter().any(|o| o.name == q)
            });
            out.push(Statistics {
                name: QualifiedName::new(schema.clone(), name),
                table: table.name.clone(),
                target: None,
                comment: s.comment.clone().filter(|_| like.has(COMMENTS)),
                ..s.clone()
            });
        }
    }

    /// A primary key, unique or exclusion constraint `c` of the source, copied onto `table`
    /// under the name PostgreSQL's `ChooseIndexName` gives it there (with its index's
    /// comment when `comments`, as `INCLUDING COMMENTS` copies it).
    fn like_key(
        &self,
        table: &mut Table,
        c: &Constraint,
        comments: bool,
        chosen: &mut Vec<String>,
    ) -> R<()> {
        let (label, parts) = match &c.kind {
            ConstraintKind::PrimaryKey { .. } => {
                let has_pk = table
                    .constraints
                    .values()
                    .any(|k| matches!(k.kind, ConstraintKind::PrimaryKey { .. }));
                if has_pk {
                    return Err(format!(
                        "multiple primary keys for table {} are not allowed",
                        table.name
                    ));
                }
                ("pkey", None)
            }
            ConstraintKind::Unique {
                columns, include, ..
            } => (
                "key",
                Some(columns.iter().chain(include).cloned().collect()),
            ),
            ConstraintKind::Exclude { definition } => (
                "excl",
                Some(crate::kinds::constraint::load::exclusion_names(definition)?),
            ),
            ConstraintKind::Check { .. } | ConstraintKind::ForeignKey { .. } => return Ok(()),
        };
        let name2 = parts.map(|p: Vec<String>| p.join("_"));
        let name = match name2 {
            Some(n2) => self.like_name(table, &n2, label, chosen),
            None => choose_name(&table.name.name, None, label, |n| {
                self.like_taken(table, n, chosen, true)
            }),
        };
        chosen.push(name.clone());
        let copy = Constraint {
            name: name.clone(),
            comment: None,
            // The index's comment comes along (`INCLUDING COMMENTS`), the constraint's not.
            index_comment: c.index_comment.clone().filter(|_| comments),
            not_valid: false,
            using_index: None,
            ..c.clone()
        };
        table.constraints_mut().insert(name, copy);
        Ok(())
    }

    /// `ChooseRelationName(table, name2, label)` in the table's schema, past the names this
    /// clause has chosen already.
    fn like_name(&self, table: &Table, name2: &str, label: &str, chosen: &[String]) -> String {
        choose_name(&table.name.name, Some(name2), label, |n| {
            self.like_taken(table, n, chosen, label != "idx")
        })
    }

    /// Whether `n` is taken in the table's schema as a relation or, for a constraint's index
    /// (`isconstraint`), as any constraint's name.
    fn like_taken(&self, table: &Table, n: &str, chosen: &[String], constraint: bool) -> bool {
        let own = table.constraints.get(n).is_some_and(|c| {
            constraint
                || !matches!(
                    c.kind,
                    ConstraintKind::Check { .. } | ConstraintKind::ForeignKey { .. }
                )
        });
        chosen.iter().any(|c| c == n)
            || own
            || self.relation_name_taken(&table.name.schema, n)
            || (constraint && self.constraint_name_taken(&table.name, n))
    }
}

/// The names of `index`'s columns, which its copy's name is made of: PostgreSQL clones the
/// index with the names its columns were given ([`index_column_names`]), so the stored key
/// text is parsed again as an index's element list.
fn copied_column_names(index: &Index) -> R<Vec<String>> {
    let keys: Vec<&str> = index.keys.iter().map(|k| k.def.sql.as_str()).collect();
    let mut sql = format!("CREATE INDEX ON t ({})", keys.join(", "));
    if !index.include.is_empty() {
        let include: Vec<String> = index.include.iter().map(|c| quote_ident(c)).collect();
        sql.push_str(&format!(" INCLUDE ({})", include.join(", ")));
    }
    let N::IndexStmt(stmt) = first_statement(&sql).map_err(|e| e.to_string())? else {
        return Err(format!("not an index: {sql}"));
    };
    let elems = stmt.index_params.iter().chain(&stmt.index_including_params);
    Ok(index_column_names(elems.filter_map(|p| match &p.node {
        Some(N::IndexElem(e)) => Some(e.as_ref()),
        _ => None,
    })))
}
