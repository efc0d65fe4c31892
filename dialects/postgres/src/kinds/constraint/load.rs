//! Loading this kind from parsed SQL statements.
//!
//! Table and column constraints (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK, EXCLUDE) with the
//! implicit names PostgreSQL gives them, `ALTER TABLE … ADD | DROP CONSTRAINT`,
//! `COMMENT ON CONSTRAINT` and `RENAME CONSTRAINT`. A foreign key to "the primary key" is
//! resolved once the whole schema is loaded ([`resolve_foreign_keys`]).

use crate::introspect::first_statement;
use crate::kinds::index::load::index_key;
use crate::load::{does_not_exist, AlterCmd, Commented, Loader, Lookup, R};
use crate::names::{choose_name, index_column_names};
use crate::normalize::{const_text, expr_from_node, strings};
use crate::quote::quote_ident;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N, ConstrType as Ct, Node};

/// The error for a constraint `name` that `table` does not have.
fn no_constraint(name: &str, table: &QualifiedName) -> String {
    does_not_exist("constraint", &format_args!("{name} of table {table}"))
}

impl Loader {
    /// Adds a table or column constraint, naming it as PostgreSQL would.
    pub(crate) fn add_constraint(
        &self,
        table: &mut Table,
        c: &pb::Constraint,
        column: Option<&str>,
    ) -> R<()> {
        if !c.indexname.is_empty() {
            return self.add_key_using_index(table, c);
        }
        let Some((ckind, label, name2)) = self.constraint_kind(table, c, column)? else {
            return Ok(());
        };
        let name = if c.conname.is_empty() {
            let relation_label = matches!(label, "pkey" | "key" | "excl");
            // Implicit FK and CHECK names are unique in the whole schema
            // (`ChooseConstraintName` looks in the namespace), not only in the table.
            choose_name(&table.name.name, name2.as_deref(), label, |n| {
                table.constraints.contains_key(n)
                    || (relation_label && self.relation_name_taken(&table.name.schema, n))
                    || (!relation_label && self.constraint_name_taken(&table.name, n))
            })
        } else {
            c.conname.clone()
        };
        name_is_free(table, &name)?;
        table.constraints_mut().insert(
            name.clone(),
            Constraint {
                name,
                kind: ckind,
                deferrable: c.deferrable,
                initially_deferred: c.initdeferred,
                comment: None,
                index_comment: None,
                not_valid: false,
                using_index: None,
            },
        );
        Ok(())
    }

    /// `ADD [CONSTRAINT name] PRIMARY KEY | UNIQUE USING INDEX i`: the stand-alone index `i`
    /// becomes the key's index, renamed to the key's name (the key takes the index's name
    /// when it has none), so the key is what `PRIMARY KEY (its columns) INCLUDE (…)` would
    /// be. PostgreSQL accepts only a unique btree index on plain columns, in their default
    /// order, without a predicate.
    fn add_key_using_index(&self, table: &mut Table, c: &pb::Constraint) -> R<()> {
        let kind = Ct::try_from(c.contype).unwrap_or(Ct::Undefined);
        let q = QualifiedName::new(table.name.schema.clone(), c.indexname.clone());
        let index = self
            .schema
            .indexes
            .get(&q)
            .ok_or_else(|| does_not_exist("index", &q))?;
        let refuse = |why: &str| Err(format!("USING INDEX {q}: {why}"));
        if index.table != table.name {
            return refuse(&format!("the index is not on table {}", table.name));
        }
        if !index.unique || index.method != "btree" {
            return refuse("the index must be a unique btree index");
        }
        if index.predicate.is_some() {
            return refuse("the index must not be partial");
        }
        if !index.with.is_empty() {
            return refuse("an index with storage parameters is not supported yet");
        }
        let mut columns = Vec::new();
        for k in &index.keys {
            let plain = k
                .column
                .as_deref()
                .filter(|col| *k == crate::load::column_index_key(col, false, false));
            let Some(col) = plain else {
                return refuse(&format!(
                    "the key part {} must be a plain column in its default order",
                    k.def.sql
                ));
            };
            columns.push(col.to_string());
        }
        let kind = match kind {
            Ct::ConstrPrimary => {
                for col in &columns {
                    if let Some(x) = table.column_mut(col) {
                        x.not_null = true;
                    }
                }
                ConstraintKind::PrimaryKey {
                    columns,
                    include: index.include.clone(),
                }
            }
            Ct::ConstrUnique => ConstraintKind::Unique {
                columns,
                include: index.include.clone(),
                nulls_not_distinct: index.nulls_not_distinct,
            },
            _ => return refuse("only PRIMARY KEY and UNIQUE are built from an index"),
        };
        let name = if c.conname.is_empty() {
            q.name.clone()
        } else {
            c.conname.clone()
        };
        name_is_free(table, &name)?;
        // PostgreSQL keeps the index's comment on it: the key's index comment now.
        let source = Index {
            comment: None,
            ..index.clone()
        };
        let index_comment = index.comment.clone();
        table.constraints_mut().insert(
            name.clone(),
            Constraint {
                name,
                kind,
                deferrable: c.deferrable,
                initially_deferred: c.initdeferred,
                comment: None,
                index_comment,
                not_valid: false,
                using_index: Some(Box::new(source)),
            },
        );
        Ok(())
    }

    /// What a constraint is, with the label and second name part of its implicit name
    /// (`pkey`; `key` and its columns; …); `None` for one that adds nothing
    /// (`ENFORCED`). A primary key makes its columns NOT NULL.
    fn constraint_kind(
        &self,
        table: &mut Table,
        c: &pb::Constraint,
        column: Option<&str>,
    ) -> R<Option<(ConstraintKind, &'static str, Option<String>)>> {
        let kind = Ct::try_from(c.contype).unwrap_or(Ct::Undefined);
        let keys = |nodes: &[Node]| -> Vec<String> {
            let k = strings(nodes);
            if k.is_empty() {
                column.map(|c| vec![c.to_string()]).unwrap_or_default()
            } else {
                k
            }
        };
        let found = match kind {
            Ct::ConstrPrimary => {
                let columns = keys(&c.keys);
                for col in &columns {
                    if let Some(x) = table.column_mut(col) {
                        x.not_null = true;
                    }
                }
                (
                    ConstraintKind::PrimaryKey {
                        columns,
                        include: strings(&c.including),
                    },
                    "pkey",
                    None,
                )
            }
            Ct::ConstrUnique => {
                let columns = keys(&c.keys);
                // PostgreSQL names the index after its INCLUDE columns too.
                let include = strings(&c.including);
                let n2 = columns
                    .iter()
                    .chain(&include)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("_");
                (
                    ConstraintKind::Unique {
                        columns,
                        include,
                        nulls_not_distinct: c.nulls_not_distinct,
                    },
                    "key",
                    Some(n2),
                )
            }
            Ct::ConstrCheck => {
                let raw = c.raw_expr.as_deref().ok_or("CHECK without an expression")?;
                let expr = self.expr(raw)?;
                // PostgreSQL names a CHECK after its column when it reads exactly one
                // (`AddRelationNewConstraints`); the expression knows what it reads.
                let cols: Vec<&String> = expr
                    .columns
                    .iter()
                    .filter(|c| table.column(c).is_some())
                    .collect();
                let n2 = if cols.len() == 1 {
                    Some(cols[0].clone())
                } else {
                    None
                };
                (
                    ConstraintKind::Check {
                        expr,
                        no_inherit: c.is_no_inherit,
                    },
                    "check",
                    n2,
                )
            }
            Ct::ConstrForeign => {
                let columns = keys(&c.fk_attrs);
                let rv = c.pktable.as_ref().ok_or("REFERENCES without a table")?;
                let ref_table = if rv.schemaname.is_empty()
                    && rv.relname == table.name.name
                    && !self.schema.tables.contains_key(&self.table_name(rv))
                {
                    table.name.clone()
                } else {
                    self.table_name(rv)
                };
                self.uses
                    .borrow_mut()
                    .relation(&ref_table, &self.file, self.line);
                let mut ref_columns = strings(&c.pk_attrs);
                if ref_columns.is_empty() && ref_table == table.name {
                    ref_columns = table
                        .constraints
                        .values()
                        .find_map(|k| match &k.kind {
                            ConstraintKind::PrimaryKey { columns, .. } => Some(columns.clone()),
                            _ => None,
                        })
                        .unwrap_or_default();
                }
                let n2 = columns.join("_");
                (
                    ConstraintKind::ForeignKey {
                        columns,
                        ref_table,
                        ref_columns,
                        on_delete: fk_action(&c.fk_del_action),
                        on_delete_columns: strings(&c.fk_del_set_cols),
                        on_update: fk_action(&c.fk_upd_action),
                        match_full: c.fk_matchtype == "f",
                    },
                    "fkey",
                    Some(n2),
                )
            }
            Ct::ConstrExclusion => {
                let mut def = exclusion_definition(c)?;
                def.refs = self.exclusion_operators(c);
                (
                    ConstraintKind::Exclude { definition: def },
                    "excl",
                    Some(exclusion_columns(c).join("_")),
                )
            }
            Ct::ConstrAttrEnforced | Ct::ConstrAttrNotEnforced => return Ok(None),
            other => return Err(format!("unsupported constraint {other:?}")),
        };
        Ok(Some(found))
    }

    /// `ALTER TABLE … ADD CONSTRAINT`.
    pub(crate) fn add_table_constraint(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let Some(N::Constraint(c)) = a.def else {
            return Err("ADD CONSTRAINT without a definition".into());
        };
        let mut table = self.schema.tables[a.table].clone();
        let before: Vec<String> = table.constraints.keys().cloned().collect();
        self.add_constraint(&mut table, c, None)?;
        if !c.indexname.is_empty() {
            // The index is the key's now, under the key's name.
            // (Its comment stays on it: the key's `index_comment`.)
            let index = QualifiedName::new(a.table.schema.clone(), c.indexname.clone());
            self.schema.indexes.remove(&index);
            self.invalidate_relation_names();
        }
        let added = table
            .constraints_mut()
            .values_mut()
            .find(|k| !before.contains(&k.name));
        if let (true, Some(added)) = (c.skip_validation, added) {
            mark_not_valid(added)?;
        }
        self.put_table(a.table.clone(), table);
        Ok(())
    }

    /// `ALTER TABLE … VALIDATE CONSTRAINT`.
    pub(crate) fn validate_constraint(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let t = self.altered_table(a)?;
        t.constraints_mut()
            .get_mut(&a.cmd.name)
            .ok_or_else(|| no_constraint(&a.cmd.name, a.table))?
            .not_valid = false;
        Ok(())
    }

    /// `ALTER TABLE … DROP CONSTRAINT [IF EXISTS]`.
    pub(crate) fn drop_table_constraint(&mut self, a: &AlterCmd<'_>) -> R<()> {
        self.invalidate_relation_names();
        let t = self.altered_table(a)?;
        if t.constraints_mut().remove(&a.cmd.name).is_none() && !a.cmd.missing_ok {
            return Err(no_constraint(&a.cmd.name, a.table));
        }
        Ok(())
    }

    /// `COMMENT ON CONSTRAINT … ON table`.
    pub(crate) fn comment_constraint(&mut self, c: &Commented<'_>) -> R<()> {
        let (q, con) = self.table_member(&c.names, "COMMENT ON CONSTRAINT without a name")?;
        self.schema
            .tables
            .existing_mut(&q, "table")?
            .constraints_mut()
            .get_mut(con)
            .ok_or_else(|| no_constraint(con, &q))?
            .comment = c.text.clone();
        Ok(())
    }

    /// `ALTER TABLE … RENAME CONSTRAINT`.
    pub(crate) fn rename_constraint(&mut self, s: &pb::RenameStmt) -> R<()> {
        let q = self.table_name(s.relation.as_ref().ok_or("RENAME without a table")?);
        self.rename_key(&q, &s.subname, &s.newname)
    }

    /// Renames constraint `from` of `table` to `to`; a key's index is renamed with it, so
    /// what names the index follows.
    pub(crate) fn rename_key(&mut self, table: &QualifiedName, from: &str, to: &str) -> R<()> {
        let t = self.schema.tables.existing_mut(table, "table")?;
        let mut c = t
            .constraints_mut()
            .remove(from)
            .ok_or_else(|| no_constraint(from, table))?;
        c.name = to.to_string();
        let has_index = match c.kind {
            ConstraintKind::PrimaryKey { .. }
            | ConstraintKind::Unique { .. }
            | ConstraintKind::Exclude { .. } => true,
            ConstraintKind::Check { .. } | ConstraintKind::ForeignKey { .. } => false,
        };
        t.constraints_mut().insert(to.to_string(), c);
        if has_index {
            self.index_renamed(table, from, to);
        }
        Ok(())
    }
}

/// `ADD CONSTRAINT … NOT VALID` on an existing table: the rows already there are not
/// checked, and the constraint stays not valid until `VALIDATE CONSTRAINT`. (In
/// `CREATE TABLE` PostgreSQL marks it valid: the table is empty.)
fn mark_not_valid(k: &mut Constraint) -> R<()> {
    match k.kind {
        ConstraintKind::Check { .. } | ConstraintKind::ForeignKey { .. } => {
            k.not_valid = true;
            Ok(())
        }
        ConstraintKind::PrimaryKey { .. }
        | ConstraintKind::Unique { .. }
        | ConstraintKind::Exclude { .. } => Err(format!(
            "constraint {}: only CHECK and FOREIGN KEY constraints can be NOT VALID",
            k.name
        )),
    }
}

/// A foreign key that names no columns references the primary key: resolved once the
/// whole schema is loaded, since the referenced table may come later.
pub(crate) fn resolve_foreign_keys(schema: &mut Schema) -> R<()> {
    let pks: Vec<(QualifiedName, Vec<String>)> = schema
        .tables
        .values()
        .filter_map(|t| {
            t.constraints.values().find_map(|c| match &c.kind {
                ConstraintKind::PrimaryKey { columns, .. } => {
                    Some((t.name.clone(), columns.clone()))
                }
                _ => None,
            })
        })
        .collect();
    for t in schema.tables.values_mut() {
        // Two fields borrowed apart: the name to report, the constraints to complete.
        let (table, constraints) = (&t.name, std::sync::Arc::make_mut(&mut t.constraints));
        for c in constraints.values_mut() {
            if let ConstraintKind::ForeignKey {
                ref_table,
                ref_columns,
                ..
            } = &mut c.kind
            {
                if ref_columns.is_empty() {
                    let pk = pks.iter().find(|(n, _)| n == ref_table).ok_or_else(|| {
                        format!(
                            "foreign key {} on {}: the referenced table {} has no primary key",
                            c.name, table, ref_table
                        )
                    })?;
                    *ref_columns = pk.1.clone();
                }
            }
        }
    }
    Ok(())
}

/// CREATE TABLE keeps one of several identical PRIMARY KEY / UNIQUE specifications, as
/// PostgreSQL does before it names anything (so a dropped duplicate takes no name): the
/// primary key wins, otherwise the first; an unnamed survivor takes a dropped one's name.
pub(crate) fn drop_duplicate_keys(pending: &mut Vec<(pb::Constraint, Option<String>)>) {
    type KeySpec = (Vec<String>, Vec<String>, bool, bool, bool);
    let spec = |(c, column): &(pb::Constraint, Option<String>)| -> Option<KeySpec> {
        let kind = Ct::try_from(c.contype).unwrap_or(Ct::Undefined);
        if !matches!(kind, Ct::ConstrPrimary | Ct::ConstrUnique) {
            return None;
        }
        let mut cols = strings(&c.keys);
        if cols.is_empty() {
            cols.extend(column.clone());
        }
        Some((
            cols,
            strings(&c.including),
            c.nulls_not_distinct,
            c.deferrable,
            c.initdeferred,
        ))
    };
    let is_pk = |c: &pb::Constraint| c.contype == Ct::ConstrPrimary as i32;
    // Survivors as indexes into `pending`, the primary key first (PostgreSQL's order).
    let mut kept: Vec<usize> = pending
        .iter()
        .position(|(c, _)| is_pk(c))
        .into_iter()
        .collect();
    let mut dropped = Vec::new();
    for i in 0..pending.len() {
        let Some(mine) = spec(&pending[i]) else {
            continue;
        };
        if kept.first() == Some(&i) && is_pk(&pending[i].0) {
            continue;
        }
        match kept
            .iter()
            .find(|&&k| spec(&pending[k]).as_ref() == Some(&mine))
        {
            Some(&k) => {
                if pending[k].0.conname.is_empty() {
                    pending[k].0.conname = pending[i].0.conname.clone();
                }
                dropped.push(i);
            }
            None => kept.push(i),
        }
    }
    for i in dropped.into_iter().rev() {
        pending.remove(i);
    }
}

/// A foreign key's `ON DELETE`/`ON UPDATE` action from its catalog letter.
pub(crate) fn fk_action(code: &str) -> FkAction {
    match code {
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

/// True when dropping column `col` drops constraint `c` too (PostgreSQL drops a constraint
/// with any of its columns).
pub(crate) fn constraint_uses(c: &Constraint, col: &str) -> bool {
    match &c.kind {
        ConstraintKind::PrimaryKey { columns, .. }
        | ConstraintKind::Unique { columns, .. }
        | ConstraintKind::ForeignKey { columns, .. } => columns.iter().any(|x| x == col),
        ConstraintKind::Check { expr, .. } => expr
            .key
            .split(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
            .any(|w| w == col),
        ConstraintKind::Exclude { .. } => false,
    }
}

/// The name parts of an EXCLUDE constraint's elements, as PostgreSQL names its index
/// ([`index_column_names`]).
fn exclusion_columns(c: &pb::Constraint) -> Vec<String> {
    let elems = c.exclusions.iter().filter_map(|e| match &e.node {
        Some(N::List(l)) => l.items.first().and_then(|i| match &i.node {
            Some(N::IndexElem(ie)) => Some(ie.as_ref()),
            _ => None,
        }),
        _ => None,
    });
    // And its INCLUDE columns, as PostgreSQL names the index after every column it holds.
    let mut names = index_column_names(elems);
    names.extend(strings(&c.including));
    names
}

/// The name parts of a stored EXCLUDE constraint (its canonical `definition`), parsed again.
pub(crate) fn exclusion_names(definition: &Expr) -> R<Vec<String>> {
    let sql = format!("ALTER TABLE t ADD {}", definition.sql);
    let N::AlterTableStmt(a) = first_statement(&sql).map_err(|e| e.to_string())? else {
        return Err(format!("not an exclusion constraint: {}", definition.sql));
    };
    let def = a.cmds.first().and_then(|c| match &c.node {
        Some(N::AlterTableCmd(c)) => c.def.as_deref(),
        _ => None,
    });
    match def.and_then(|d| d.node.as_ref()) {
        Some(N::Constraint(c)) => Ok(exclusion_columns(c)),
        _ => Err(format!("not an exclusion constraint: {}", definition.sql)),
    }
}

/// The canonical text of an EXCLUDE constraint (what follows `ADD CONSTRAINT name`).
pub(crate) fn exclusion_definition(c: &pb::Constraint) -> R<Expr> {
    let mut parts = Vec::new();
    let mut key_parts = Vec::new();
    let mut columns = Vec::new();
    for e in &c.exclusions {
        let Some(N::List(l)) = &e.node else { continue };
        let (Some(Some(N::IndexElem(elem))), Some(op)) =
            (l.items.first().map(|i| &i.node), l.items.get(1))
        else {
            continue;
        };
        let k = index_key(elem, "public")?;
        let op = match &op.node {
            Some(N::List(o)) => strings(&o.items).join("."),
            _ => const_text(op),
        };
        parts.push(format!("{} WITH {op}", k.def.sql));
        columns.extend(k.def.columns.iter().cloned());
        key_parts.push(format!("{} WITH {op}", k.def.key));
    }
    let method = if c.access_method.is_empty() {
        "btree"
    } else {
        c.access_method.as_str()
    };
    let mut sql = format!("EXCLUDE USING {method} ({})", parts.join(", "));
    let mut key = format!("EXCLUDE USING {method} ({})", key_parts.join(", "));
    // `INCLUDE (…)` and `WITH (…)`, in the order `pg_get_constraintdef` prints them.
    let included = strings(&c.including);
    if !included.is_empty() {
        let list: Vec<String> = included.iter().map(|n| quote_ident(n)).collect();
        let clause = format!(" INCLUDE ({})", list.join(", "));
        sql.push_str(&clause);
        key.push_str(&clause);
        columns.extend(included);
    }
    let mut with = crate::kinds::table::load::storage_parameters(&c.options);
    if !with.is_empty() {
        let list = |w: &[(String, String)]| {
            let items: Vec<String> = w.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            format!(" WITH ({})", items.join(", "))
        };
        sql.push_str(&list(&with));
        with.sort();
        key.push_str(&list(&with));
    }
    if let Some(w) = c.where_clause.as_deref() {
        let x = expr_from_node(w, "public")?;
        sql.push_str(&format!(" WHERE ({})", x.sql));
        key.push_str(&format!(" WHERE ({})", x.key));
        columns.extend(x.columns);
    }
    columns.sort();
    columns.dedup();
    Ok(Expr {
        sql,
        key,
        refs: vec![],
        columns,
    })
}

/// PostgreSQL's refusal of a second constraint of one name on a table.
fn name_is_free(table: &Table, name: &str) -> Result<(), String> {
    if table.constraints.contains_key(name) {
        return Err(format!(
            "constraint {name} for table {} already exists",
            table.name
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::load::Loader;
    use migrator_core::schema::{ConstraintKind, QualifiedName};

    fn exclusion(sql: &str) -> (String, String) {
        let l = Loader::loaded(sql);
        let t = &l.schema.tables[&QualifiedName::new("public", "r")];
        match &t.constraints["r_excl"].kind {
            ConstraintKind::Exclude { definition } => {
                (definition.sql.clone(), definition.key.clone())
            }
            other => panic!("not an exclusion constraint: {other:?}"),
        }
    }

    #[test]
    fn an_exclusion_constraint_keeps_its_include_and_with() {
        let (sql, _) = exclusion(
            "CREATE TABLE r (id int, room text, CONSTRAINT r_excl EXCLUDE USING gist \
             (room WITH =) INCLUDE (id) WITH (fillfactor = 80) WHERE (room <> 'x'));",
        );
        assert_eq!(
            sql,
            "EXCLUDE USING gist (room WITH =) INCLUDE (id) WITH (fillfactor = 80) WHERE (room <> 'x')"
        );
    }

    #[test]
    fn exclusion_storage_parameters_compare_in_any_order_and_spelling() {
        let key = |with: &str| {
            exclusion(&format!(
                "CREATE TABLE r (id int, CONSTRAINT r_excl EXCLUDE (id WITH =) WITH ({with}));"
            ))
            .1
        };
        assert_eq!(
            key("fillfactor = 80, deduplicate_items = off"),
            key("deduplicate_items='off', fillfactor='80'")
        );
    }
}
