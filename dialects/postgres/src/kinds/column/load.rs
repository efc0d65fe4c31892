//! Loading this kind from parsed SQL statements.
//!
//! A column definition (type, NOT NULL, DEFAULT, identity, generated, collation, serial
//! types expanded to a sequence and a default as PostgreSQL does), the column sub-commands
//! of `ALTER TABLE` (ADD/DROP COLUMN, TYPE, DEFAULT, NOT NULL, identity, STORAGE),
//! `COMMENT ON COLUMN` and `RENAME COLUMN`. Defaults are stored as PostgreSQL stores them
//! once the whole schema is known ([`canonical_default`]).

use crate::kinds::constraint::load::constraint_uses;
use crate::load::{does_not_exist, AlterCmd, Commented, Loader, Lookup, R};
use crate::normalize::{const_text, serial_base, strings};
use migrator_core::kinds::parent_column;
use migrator_core::references::Site;
use migrator_core::schema::*;
use pg_query::protobuf::{
    self as pb, node::Node as N, AlterTableType as At, ConstrType as Ct, Node,
};
use std::collections::HashSet;

/// The error for a column `col` that `table` does not have.
fn no_column(col: &str, table: &QualifiedName) -> String {
    does_not_exist("column", &format_args!("{col} of table {table}"))
}

impl Loader {
    /// PostgreSQL's refusal to `what` (`add column to`) a typed table: its columns are its
    /// type's (`ALTER TYPE … ATTRIBUTE … CASCADE` changes them).
    fn refuse_typed(&self, table: &QualifiedName, what: &str) -> R<()> {
        match self
            .schema
            .tables
            .get(table)
            .and_then(|t| t.of_type.as_ref())
        {
            Some(ty) => Err(format!(
                "cannot {what} typed table {table} (its columns are those of type {ty}: \
                 use ALTER TYPE {ty} … ATTRIBUTE … CASCADE)"
            )),
            None => Ok(()),
        }
    }

    /// The column `col` of the table `table`, or the error saying it does not exist.
    pub(crate) fn column(&self, table: &QualifiedName, col: &str) -> R<Column> {
        let t = self.schema.tables.existing(table, "table")?;
        t.column(col)
            .cloned()
            .or_else(|| parent_column(&self.schema, t, col))
            .ok_or_else(|| no_column(col, table))
    }

    /// A column of `PARTITION OF t (col NOT NULL DEFAULT 0, id PRIMARY KEY)`: options for a
    /// column the partition takes from its parent, which `table` already lists (as an
    /// override, [`parent_column`]). Returns the constraints it names, to add to the table.
    /// A typed table's `col WITH OPTIONS …` (`CREATE TABLE t OF ty (…)`) goes the same way,
    /// with `refusal` saying why an identity or a generated column is refused.
    pub(crate) fn partition_column_options(
        &self,
        table: &mut Table,
        cd: &pb::ColumnDef,
        refusal: &str,
    ) -> R<Vec<pb::Constraint>> {
        let Some(col) = table.column_mut(&cd.colname) else {
            return Err(does_not_exist("column", &format_args!("{}", cd.colname)));
        };
        let mut options = col.clone();
        options.not_null |= cd.is_not_null;
        let rest = self.column_constraints(&mut options, cd, false)?;
        if options.identity != col.identity || options.generated != col.generated {
            return Err(format!("column {}: {refusal}", cd.colname));
        }
        *col = options;
        Ok(rest)
    }

    /// [`Self::column`], to change. A partition's column is its parent's: changing it
    /// makes it an override of the partition's own.
    pub(crate) fn column_mut(&mut self, table: &QualifiedName, col: &str) -> R<&mut Column> {
        let t = self.schema.tables.existing(table, "table")?;
        if t.column(col).is_none() {
            if let Some(c) = parent_column(&self.schema, t, col) {
                self.schema
                    .tables
                    .existing_mut(table, "table")?
                    .columns_mut()
                    .push(c);
            }
        }
        self.schema
            .tables
            .existing_mut(table, "table")?
            .column_mut(col)
            .ok_or_else(|| no_column(col, table))
    }

    /// Builds a column; returns it with its column constraints (to add once the table is
    /// complete) and the sequence a serial type expands to.
    pub(crate) fn column_def(
        &self,
        table: &QualifiedName,
        cd: &pb::ColumnDef,
    ) -> R<(Column, Vec<pb::Constraint>, Option<Sequence>)> {
        let tn = cd
            .type_name
            .as_ref()
            .ok_or_else(|| format!("column {} has no type", cd.colname))?;
        let (data_type, type_ref, serial) = match serial_base(tn) {
            Some(base) => {
                let serial = serial_sequence(table, &cd.colname, base)?;
                (base.to_string(), None, Some(serial))
            }
            None => {
                let ct = self.type_of(tn)?;
                (ct.text, ct.user_type, None)
            }
        };
        let mut col = Column {
            type_ref,
            not_null: cd.is_not_null || serial.is_some(),
            default: serial.as_ref().map(|(_, default)| default.clone()),
            ..Column::new(&cd.colname, data_type)
        };
        let serial = serial.map(|(sequence, _)| sequence);
        crate::kinds::foreign_data::load::apply_options(
            &mut col.fdw_options,
            &cd.fdwoptions,
            "column",
        )?;
        if let Some(coll) = &cd.coll_clause {
            col.collation = Some(crate::kinds::collation::collation_name(&strings(
                &coll.collname,
            )));
        }
        let rest = self.column_constraints(&mut col, cd, serial.is_some())?;
        Ok((col, rest, serial))
    }

    /// Applies the column constraints of `cd` that belong to the column itself (NOT NULL,
    /// DEFAULT, identity, generated) to `col`; returns the others (CHECK, keys, foreign
    /// keys) with their DEFERRABLE/INITIALLY attributes.
    fn column_constraints(
        &self,
        col: &mut Column,
        cd: &pb::ColumnDef,
        serial: bool,
    ) -> R<Vec<pb::Constraint>> {
        let mut rest: Vec<pb::Constraint> = Vec::new();
        for c in &cd.constraints {
            let Some(N::Constraint(c)) = &c.node else {
                continue;
            };
            match Ct::try_from(c.contype).unwrap_or(Ct::Undefined) {
                Ct::ConstrNotnull => col.not_null = true,
                Ct::ConstrNull => col.not_null = false,
                Ct::ConstrDefault => {
                    if serial {
                        return Err(format!(
                            "multiple default values specified for column {}",
                            cd.colname
                        ));
                    }
                    col.default = c.raw_expr.as_deref().map(|e| self.expr(e)).transpose()?;
                }
                Ct::ConstrIdentity => {
                    col.identity = Some(Box::new(self.identity(&col.data_type, c)?));
                    col.not_null = true;
                }
                Ct::ConstrGenerated => {
                    col.generated = c
                        .raw_expr
                        .as_deref()
                        .map(|e| self.expr(e))
                        .transpose()?
                        .map(Box::new);
                }
                // DEFERRABLE and friends qualify the constraint just before them.
                Ct::ConstrAttrDeferrable
                | Ct::ConstrAttrNotDeferrable
                | Ct::ConstrAttrDeferred
                | Ct::ConstrAttrImmediate => {
                    let prev = rest
                        .last_mut()
                        .ok_or("DEFERRABLE/INITIALLY must follow a constraint")?;
                    match Ct::try_from(c.contype).unwrap_or(Ct::Undefined) {
                        Ct::ConstrAttrDeferrable => prev.deferrable = true,
                        Ct::ConstrAttrNotDeferrable => prev.deferrable = false,
                        Ct::ConstrAttrDeferred => prev.initdeferred = true,
                        _ => prev.initdeferred = false,
                    }
                }
                Ct::ConstrAttrEnforced | Ct::ConstrAttrNotEnforced => {}
                _ => rest.push(c.as_ref().clone()),
            }
        }
        Ok(rest)
    }

    /// An identity column's `GENERATED … AS IDENTITY [(sequence options)]`.
    pub(crate) fn identity(&self, data_type: &str, c: &pb::Constraint) -> R<Identity> {
        let mut options = SequenceOptions::defaults(data_type, 1);
        self.sequence_options(&mut options, &c.options, true)?;
        // An identity sequence always has its column's type.
        options.data_type = data_type.to_string();
        Ok(Identity {
            always: c.generated_when == "a",
            options,
        })
    }

    /// `ALTER TABLE … ADD COLUMN`, with its column constraints and serial sequence.
    pub(crate) fn add_column(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let name = a.table;
        self.refuse_typed(name, "add column to")?;
        let Some(N::ColumnDef(cd)) = a.def else {
            return Err("ADD COLUMN without a definition".into());
        };
        if self.schema.tables[name].column(&cd.colname).is_some() {
            if a.cmd.missing_ok {
                return Ok(());
            }
            return Err(format!(
                "column {} of table {name} already exists",
                cd.colname
            ));
        }
        let (col, cons, serial) = self.column_def(name, cd)?;
        let mut table = self.schema.tables[name].clone();
        table.columns_mut().push(col);
        for c in cons {
            self.add_constraint(&mut table, &c, Some(&cd.colname))?;
        }
        self.put_table(name.clone(), table);
        if let Some(seq) = serial {
            self.schema.sequences.insert(seq.name.clone(), seq);
        }
        Ok(())
    }

    /// `ALTER TABLE … DROP COLUMN`: the constraints and indexes on it and the sequence it
    /// owns go with it.
    pub(crate) fn drop_column(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let name = a.table;
        self.refuse_typed(name, "drop column from")?;
        self.column_published(name, &a.cmd.name)?;
        self.invalidate_relation_names();
        let t = self.schema.tables.existing_mut(name, "table")?;
        let Some(pos) = t.columns.iter().position(|c| c.name == a.cmd.name) else {
            if a.cmd.missing_ok {
                return Ok(());
            }
            return Err(no_column(&a.cmd.name, name));
        };
        t.columns_mut().remove(pos);
        let col = a.cmd.name.clone();
        t.constraints_mut().retain(|_, c| !constraint_uses(c, &col));
        self.schema.indexes.retain(|_, i| {
            !(i.table == *name && i.keys.iter().any(|k| k.column.as_deref() == Some(&col)))
        });
        self.schema.sequences.retain(|_, s| {
            s.owned_by
                != Some(ColumnRef {
                    table: name.clone(),
                    column: col.clone(),
                })
        });
        self.drop_statistics_using(name, &col);
        Ok(())
    }

    /// `ALTER TABLE ONLY parent DROP COLUMN c`: the tables inheriting `c` keep it as their
    /// own (PostgreSQL marks it local in them instead of dropping it).
    pub(crate) fn keep_in_children(&mut self, parent: &QualifiedName, s: &pb::AlterTableStmt) {
        let dropped: Vec<&str> = s
            .cmds
            .iter()
            .filter_map(|c| match &c.node {
                Some(N::AlterTableCmd(c)) if c.subtype == At::AtDropColumn as i32 => {
                    Some(c.name.as_str())
                }
                _ => None,
            })
            .collect();
        for t in self.schema.tables.values_mut() {
            if !t.inherits.contains(parent) {
                continue;
            }
            for name in &dropped {
                if let Some(c) = t.column_mut(name) {
                    c.inherited = false;
                }
            }
        }
    }

    /// `ALTER TABLE … ALTER COLUMN … TYPE`.
    pub(crate) fn alter_column_type(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let Some(N::ColumnDef(cd)) = a.def else {
            return Err("ALTER COLUMN TYPE without a type".into());
        };
        self.refuse_typed(a.table, "alter column type of")?;
        self.column(a.table, &a.cmd.name)?;
        let tn = cd
            .type_name
            .as_ref()
            .ok_or("ALTER COLUMN TYPE without a type")?;
        let ct = self.type_of(tn)?;
        let collation = cd
            .coll_clause
            .as_ref()
            .map(|c| crate::kinds::collation::collation_name(&strings(&c.collname)));
        let col = self.column_mut(a.table, &a.cmd.name)?;
        // An identity column's sequence takes the new type (`SequenceOptions::retyped`).
        if let Some(identity) = col.identity.as_mut() {
            identity.options.retyped(&ct.text);
        }
        col.data_type = ct.text;
        col.type_ref = ct.user_type;
        // A new type brings its own storage mode.
        col.storage = None;
        col.collation = collation;
        Ok(())
    }

    /// `ALTER TABLE … ALTER COLUMN … SET | DROP DEFAULT`.
    pub(crate) fn set_column_default(&mut self, a: &AlterCmd<'_>) -> R<()> {
        self.column(a.table, &a.cmd.name)?;
        let default = a.cmd.def.as_deref().map(|e| self.expr(e)).transpose()?;
        self.column_mut(a.table, &a.cmd.name)?.default = default.clone();
        self.pass_to_partitions(a.table, &a.cmd.name, &|c| c.default = default.clone());
        Ok(())
    }

    /// A default or NOT NULL set on a partitioned table reaches its partitions (and
    /// theirs), over their own overrides, as `ALTER TABLE` without `ONLY` passes it down.
    fn pass_to_partitions(&mut self, table: &QualifiedName, col: &str, set: &dyn Fn(&mut Column)) {
        let partitions = self.partitions_of(table);
        for p in partitions {
            if let Some(c) = self
                .schema
                .tables
                .get_mut(&p)
                .and_then(|t| t.column_mut(col))
            {
                set(c);
            }
            self.pass_to_partitions(&p, col, set);
        }
    }

    /// `ALTER TABLE … ALTER COLUMN … SET | DROP NOT NULL`.
    pub(crate) fn set_not_null(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let not_null = a.sub == At::AtSetNotNull;
        self.column_mut(a.table, &a.cmd.name)?.not_null = not_null;
        self.pass_to_partitions(a.table, &a.cmd.name, &|c| c.not_null = not_null);
        Ok(())
    }

    /// `ALTER TABLE … ALTER COLUMN … ADD GENERATED … AS IDENTITY`.
    pub(crate) fn add_identity(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let dt = self.column(a.table, &a.cmd.name)?.data_type.clone();
        let Some(N::Constraint(c)) = a.def else {
            return Err("ADD GENERATED without options".into());
        };
        let identity = self.identity(&dt, c)?;
        let col = self.column_mut(a.table, &a.cmd.name)?;
        col.identity = Some(Box::new(identity));
        col.not_null = true;
        Ok(())
    }

    /// `ALTER TABLE … ALTER COLUMN … SET GENERATED | SET sequence option`.
    pub(crate) fn set_identity(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let col = self.column(a.table, &a.cmd.name)?;
        let Some(mut identity) = col.identity.clone() else {
            return Err(format!(
                "column {} of table {} is not an identity column",
                a.cmd.name, a.table
            ));
        };
        let opts: Vec<Node> = match a.def {
            Some(N::List(l)) => l.items.clone(),
            _ => vec![],
        };
        for o in &opts {
            if let Some(N::DefElem(d)) = &o.node {
                if d.defname == "generated" {
                    // ATTRIBUTE_IDENTITY_ALWAYS is the character 'a'.
                    identity.always = d.arg.as_deref().map(const_text).as_deref() == Some("97");
                }
            }
        }
        self.sequence_options(&mut identity.options, &opts, false)?;
        let what = format!("identity column {}.{}", a.table, a.cmd.name);
        self.warn_restart(&opts, &what);
        self.column_mut(a.table, &a.cmd.name)?.identity = Some(identity);
        Ok(())
    }

    /// `ALTER TABLE … ALTER COLUMN … SET STATISTICS n` (-1 is the default).
    pub(crate) fn set_statistics(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let target = statistics_target(a.def.map(|d| {
            const_text(&pb::Node {
                node: Some(d.clone()),
            })
        }))?;
        if a.cmd.name.is_empty() {
            return Err("SET STATISTICS on a column by number is not supported yet".into());
        }
        self.column_mut(a.table, &a.cmd.name)?.statistics = target;
        Ok(())
    }

    /// `ALTER TABLE … ALTER COLUMN … SET (option = value, …)` / `RESET (option, …)`, kept as
    /// PostgreSQL keeps them: a value set again in its place, a new one last.
    pub(crate) fn set_column_options(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let Some(N::List(l)) = a.def else {
            return Err("SET/RESET without attribute options".into());
        };
        let given = crate::kinds::table::load::storage_parameters(&l.items);
        let reset = a.sub == pg_query::protobuf::AlterTableType::AtResetOptions;
        let col = self.column_mut(a.table, &a.cmd.name)?;
        crate::kinds::table::load::set_or_reset(&mut col.options, given, reset);
        Ok(())
    }

    /// `ALTER TABLE … ALTER COLUMN … DROP IDENTITY`.
    pub(crate) fn drop_identity(&mut self, a: &AlterCmd<'_>) -> R<()> {
        self.column_mut(a.table, &a.cmd.name)?.identity = None;
        Ok(())
    }

    /// `ALTER TABLE … ALTER COLUMN … DROP EXPRESSION [IF EXISTS]`: the column keeps its
    /// values as a plain column, on the table and its partitions.
    pub(crate) fn drop_expression(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let generated = self.column(a.table, &a.cmd.name)?.generated.is_some();
        if !generated && !a.cmd.missing_ok {
            return Err(format!(
                "column {} of table {} is not a generated column",
                a.cmd.name, a.table
            ));
        }
        self.column_mut(a.table, &a.cmd.name)?.generated = None;
        self.pass_to_partitions(a.table, &a.cmd.name, &|c| c.generated = None);
        Ok(())
    }

    /// `ALTER TABLE … ALTER COLUMN … SET STORAGE`: kept only where it differs from the
    /// type's default.
    pub(crate) fn set_storage(&mut self, a: &AlterCmd<'_>) -> R<()> {
        let col = self.column(a.table, &a.cmd.name)?.clone();
        let mode = a.def.map(|d| {
            const_text(&pb::Node {
                node: Some(d.clone()),
            })
        });
        let mode = mode.ok_or("SET STORAGE without a mode")?;
        let default = crate::kinds::column::storage::type_default(
            &col.data_type,
            col.type_ref.as_ref(),
            &self.schema,
        );
        self.column_mut(a.table, &a.cmd.name)?.storage =
            crate::kinds::column::storage::storage(&mode, default).map(Box::new);
        Ok(())
    }

    /// `COMMENT ON COLUMN`.
    pub(crate) fn comment_column(&mut self, c: &Commented<'_>) -> R<()> {
        if let Some(done) = self.comment_view_column(c) {
            return done;
        }
        let (q, col) = self.table_member(&c.names, "COMMENT ON COLUMN without a name")?;
        self.column_mut(&q, col)?.comment = c.text.clone();
        Ok(())
    }

    /// `ALTER TABLE … RENAME COLUMN`: everything that names the column follows
    /// ([`Schema::rename_column`](migrator_core::schema::Schema::rename_column)), its
    /// expressions rewritten through their parse trees.
    pub(crate) fn rename_column(&mut self, s: &pb::RenameStmt) -> R<()> {
        let new = s.newname.clone();
        let q = self.table_name(s.relation.as_ref().ok_or("RENAME without a table")?);
        let old = s.subname.clone();
        self.refuse_typed(&q, "rename column of")?;
        self.column(&q, &old)?;
        let rename = |n: &mut Node| crate::column_refs::rename_column(n, &old, &new);
        let rewrite =
            |site: Site, e: &Expr| crate::expr_sites::rewrite(site, e, &q.schema, &mut { rename });
        self.schema.rename_column(&q, &old, &new, &rewrite);
        Ok(())
    }
}

/// The sequence a serial column `column` of `table` expands to, and the column's default
/// (`nextval('table_column_seq'::regclass)`), as PostgreSQL names and writes them.
fn serial_sequence(table: &QualifiedName, column: &str, base: &str) -> R<(Sequence, Expr)> {
    let seq_name = QualifiedName::new(
        table.schema.clone(),
        crate::names::object_name(&table.name, Some(column), "seq"),
    );
    let regclass = crate::quote::quote_qualified(&seq_name.schema, &seq_name.name);
    let default = crate::normalize::expr_from_sql(
        &format!(
            "nextval({}::regclass)",
            migrator_core::render::quote_literal(&regclass)
        ),
        "public",
    )?;
    let sequence = Sequence {
        name: seq_name,
        options: SequenceOptions::defaults(base, 1),
        owned_by: Some(ColumnRef {
            table: table.clone(),
            column: column.to_string(),
        }),
        comment: None,
    };
    Ok((sequence, default))
}

/// What PostgreSQL does to a column default when it stores it: a quoted boolean
/// (`DEFAULT 'f'`) is read back as `false`, and `DEFAULT NULL` is no default at all when
/// the null coerces to a plain constant. It is stored (`NULL::character varying`) when the
/// coercion is a call: a length or precision (`varchar(40)`, `numeric(10,2)`) or a domain.
pub(crate) fn canonical_default(c: &mut Column, domains: &HashSet<QualifiedName>) {
    let Some(d) = &c.default else { return };
    if d.key == "NULL" {
        let coerced =
            c.data_type.contains('(') || c.type_ref.as_ref().is_some_and(|t| domains.contains(t));
        if !coerced {
            c.default = None;
        }
        return;
    }
    // A bare string takes the column's type, as PostgreSQL coerces it: a type whose input
    // rewrites the text (`'24 hours'` on an `interval` is stored as `'24:00:00'::interval`)
    // then compares as the catalog prints it; for other types the cast is dropped again.
    if crate::normalize::is_string_constant(&d.sql) {
        let typed = format!("({})::{}", d.sql, c.data_type);
        if let (Ok(e), Some(d)) = (
            crate::normalize::expr_from_sql(&typed, "public"),
            &mut c.default,
        ) {
            d.key = e.key;
        }
    }
    let Some(d) = &c.default else { return };
    if c.data_type == "boolean" {
        let word = d.key.trim_matches('\'').to_ascii_lowercase();
        let value = match word.as_str() {
            "t" | "true" | "y" | "yes" | "on" | "1" => "true",
            "f" | "false" | "n" | "no" | "off" | "0" => "false",
            _ => return,
        };
        if let Some(e) = &mut c.default {
            e.key = value.to_string();
        }
    }
}

/// A statistics target (`SET STATISTICS n` on a column, on an index's expression column or
/// on a statistics object) as PostgreSQL keeps it: a whole number from -1 (the default,
/// `None`) up, a target above 10000 lowered to 10000, one below -1 refused.
pub(crate) fn statistics_target(text: Option<String>) -> R<Option<i32>> {
    let text = text.ok_or("SET STATISTICS without a target")?;
    let target: i32 = text
        .parse()
        .map_err(|_| format!("SET STATISTICS {text}: not a whole number"))?;
    if target < -1 {
        return Err(format!("statistics target {target} is too low"));
    }
    Ok(Some(target.min(10000)).filter(|t| *t >= 0))
}
