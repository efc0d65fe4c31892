//! DDL builders for this kind's change kinds.
//!
//! Tables: created (with their columns, constraints and comments), dropped, renamed, attached
//! to and detached from a partitioned parent, given or taken parents (`INHERIT`), typed by a
//! composite type or no longer (`OF type`, `NOT OF`), and their row-level security switches.

use crate::ddl::comments::restore_comment;
use crate::ddl::context_builder;
use crate::ddl::definitions::{
    column_comment, column_context, constraint_comments, constraint_context,
};
use crate::ddl::{check_table_features, qname, render};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::parent_column;
use migrator_core::kinds::{
    CreateTable, DropTable, RenameTable, ReplicaIdentity, SetClusterOn, SetInherits, SetOfType,
    SetPartition, SetReplicaIdentity, SetRowSecurity, SetStorageParameters, SetUnlogged, Table,
};
use migrator_core::render::quote_literal;
use migrator_core::schema::{ConstraintKind, ForeignTable, QualifiedName, Schema};
use serde_json::{json, Value};

/// Comments of a table, its columns and its constraints, for restoring them.
fn table_comments(t: &Table) -> Vec<Value> {
    let mut out = restore_comment(t);
    for c in t.columns.iter() {
        out.extend(column_comment(&t.name, c));
    }
    for c in t.constraints.values() {
        out.extend(constraint_comments(&t.name, c));
    }
    out
}

pub fn create_table(c: &CreateTable, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let CreateTable(t) = c;
    check_table_features(
        ctx,
        c,
        &t.columns.iter().collect::<Vec<_>>(),
        &t.constraints.values().collect::<Vec<_>>(),
    )?;
    let created = super::inherits::created_parents(t, ctx.rules.to);
    render(
        ctx,
        c,
        json!({
            "name": qname(&t.name),
            // Inherited columns come with the parents, a typed table's with its type.
            "columns": t.columns.iter().filter(|c| !c.inherited).map(column_context).collect::<Vec<_>>(),
            // The parents that lay the columns out as the table has them, then the
            // others through `INHERIT` (`inherits.rs`).
            "inherits": t.inherits[..created].iter().map(qname).collect::<Vec<_>>(),
            "attached": t.inherits[created..].iter().map(qname).collect::<Vec<_>>(),
            // CREATE TABLE marks every constraint valid: one meant to stay NOT VALID is
            // added after it.
            "constraints": t.constraints.values().filter(|k| !k.not_valid).map(constraint_context).collect::<Vec<_>>(),
            "not_valid_constraints": t.constraints.values().filter(|k| k.not_valid).map(constraint_context).collect::<Vec<_>>(),
            "comments": table_comments(t),
            "partition_by": t.partition_by,
            "partition_of": t.partition_of.as_ref().map(|p| qname(&p.parent)),
            "bound": t.partition_of.as_ref().map(|p| p.bound.clone()),
            "row_security": t.row_security,
            "unlogged": t.unlogged,
            "with": parameter_list(&t.storage_parameters),
            "force_row_security": t.force_row_security,
            "own_defaults": own_defaults(t, ctx),
            "not_null_options": not_null_options(t, ctx),
            "of_type": t.of_type.as_ref().map(qname),
            "typed_options": typed_options(t)?,
            "foreign": t.foreign.as_ref().map(foreign_clause),
        }),
    )
}

/// `SERVER s OPTIONS (…)` of a foreign table.
fn foreign_clause(f: &ForeignTable) -> String {
    let mut clause = format!("SERVER {}", quote_ident(&f.server));
    if !f.options.is_empty() {
        let options = crate::kinds::foreign_data::ddl::option_list(&f.options);
        clause.push_str(&format!(" OPTIONS ({})", options.join(", ")));
    }
    clause
}

/// The options a typed table sets on the columns its type gives it (`col WITH OPTIONS
/// DEFAULT 0 NOT NULL`); an identity or a generated column of a typed table is refused.
fn typed_options(t: &Table) -> Result<Vec<String>, BuildError> {
    if t.of_type.is_none() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for col in t.columns.iter() {
        if col.identity.is_some() || col.generated.is_some() {
            return Err(BuildError::Other(format!(
                "column {} of typed table {}: identity and generated columns of a typed \
                 table are not supported yet",
                col.name, t.name
            )));
        }
        let mut def = String::new();
        if let Some(d) = &col.default {
            def.push_str(&format!(
                " DEFAULT {}",
                crate::normalize::default_operand(&d.sql)
            ));
        }
        if col.not_null {
            def.push_str(" NOT NULL");
        }
        if !def.is_empty() {
            out.push(format!("{} WITH OPTIONS{def}", quote_ident(&col.name)));
        }
    }
    Ok(out)
}

/// The inherited columns whose default is the table's own (`ALTER TABLE ONLY child ALTER
/// COLUMN … SET DEFAULT`), which `CREATE TABLE … INHERITS` does not state: the column with
/// its default (`None`: the parent's default dropped here).
/// A partition's overrides are such columns too: the partition's own default.
fn own_defaults(t: &Table, ctx: &BuildContext) -> Vec<Value> {
    let parent_default = |column: &str| {
        if t.partition_of.is_some() {
            return parent_column(ctx.rules.to, t, column).map(|c| c.default);
        }
        t.inherits
            .iter()
            .filter_map(|p| ctx.rules.to.tables.get(p))
            .find_map(|p| p.column(column))
            .map(|c| c.default.clone())
    };
    t.columns
        .iter()
        .filter(|c| c.inherited)
        .filter(|c| parent_default(&c.name).is_some_and(|d| d != c.default))
        .map(|c| {
            json!({
                "name": quote_ident(&c.name),
                "default": c.default.as_ref().map(|d| d.sql.clone()),
            })
        })
        .collect()
}

/// The columns a partition makes NOT NULL where its parent does not (`PARTITION OF t (c
/// WITH OPTIONS NOT NULL)`).
fn not_null_options(t: &Table, ctx: &BuildContext) -> Vec<String> {
    t.columns
        .iter()
        .filter(|c| c.not_null && t.partition_of.is_some())
        .filter(|c| parent_column(ctx.rules.to, t, &c.name).is_some_and(|p| !p.not_null))
        .map(|c| quote_ident(&c.name))
        .collect()
}

/// `DROP TABLE`. A partition whose parent stays and is referenced by a foreign key that
/// stays is detached first: PostgreSQL refuses to drop it while the foreign key's
/// constraint on the partition stands, and `DETACH PARTITION` checks and removes that (a
/// foreign key dropped by the migration goes before the partition).
pub fn drop_table(c: &DropTable, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let DropTable(t) = c;
    let detach_from = t
        .partition_of
        .as_ref()
        .map(|p| &p.parent)
        .filter(|parent| ctx.rules.to.tables.contains_key(*parent))
        .filter(|parent| {
            is_referenced(ctx.rules.from, parent) && is_referenced(ctx.rules.to, parent)
        })
        .map(qname);
    render(
        ctx,
        c,
        json!({
            "name": qname(&t.name),
            "detach_from": detach_from,
            "foreign": t.foreign.is_some(),
            // Created again as the other kind (plain ↔ foreign): a second run of an
            // idempotent file finds that one, which `DROP … IF EXISTS` refuses.
            "kind_changes": ctx.rules.to.tables.get(&t.name)
                .is_some_and(|d| d.foreign.is_some() != t.foreign.is_some()),
        }),
    )
}

/// Whether a foreign key of `schema` references `table`.
fn is_referenced(schema: &Schema, table: &QualifiedName) -> bool {
    schema.tables.values().any(|t| {
        t.constraints.values().any(|c| {
            matches!(&c.kind, ConstraintKind::ForeignKey { ref_table, .. } if ref_table == table)
        })
    })
}

/// `ALTER TABLE parent DETACH PARTITION` / `ATTACH PARTITION … bound`. A detached table
/// keeps a copy of each of its parent's indexes and constraints (keys, foreign keys,
/// CHECKs), which no schema lists as its own: they are dropped after the detach
/// ([`own_names`] says what stays), unless the table is attached to the same parent again
/// (a bound change), which takes them back.
pub fn set_partition(c: &SetPartition, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let SetPartition { table, from, to } = c;
    // A bound change detaches and attaches again (as one change or two): the attach takes
    // the copies back.
    let stays_under = |parent: &QualifiedName| {
        ctx.rules
            .to
            .tables
            .get(table)
            .and_then(|t| t.partition_of.as_ref())
            .is_some_and(|p| p.parent == *parent)
    };
    let reattached = from.as_ref().is_some_and(|f| stays_under(&f.parent));
    // A parent with neither indexes nor constraints leaves nothing behind.
    let copies = from.as_ref().is_some_and(|f| {
        let parent = ctx.rules.from.tables.get(&f.parent);
        !own_names(ctx.rules.from, &f.parent).is_empty()
            || parent.is_some_and(|p| p.partition_of.is_some())
    });
    // The names that stay, as an array literal for the clean-up's query.
    let keep = (copies && !reattached).then(|| {
        let mut own = own_names(ctx.rules.from, table);
        own.extend(own_names(ctx.rules.to, table));
        own.sort();
        own.dedup();
        let quoted: Vec<String> = own.iter().map(|n| quote_literal(n)).collect();
        format!("ARRAY[{}]::name[]", quoted.join(", "))
    });
    // The parent's CHECKs the detach leaves on the table as its own and the table does not
    // keep: dropped by name (the clean-up's loop leaves CHECKs alone), so that a replay of
    // the file reads what the database holds.
    let dropped_checks: Vec<String> = match (from, reattached) {
        (Some(f), false) => (ctx.rules.from.tables.get(&f.parent).into_iter())
            .flat_map(|p| p.constraints.values())
            .filter(|k| k.kind.is_inherited_check())
            .filter(|k| !kept(ctx, table, &k.name))
            .map(|k| quote_ident(&k.name))
            .collect(),
        _ => Vec::new(),
    };
    let json = json!({
        "table": qname(table),
        "schema": table.schema,
        "dropped_checks": dropped_checks,
        "checks": to.as_ref().map(|p| missing_checks(ctx, table, &p.parent)).unwrap_or_default(),
        "detach_from": from.as_ref().map(|p| qname(&p.parent)),
        "attach_to": to.as_ref().map(|p| qname(&p.parent)),
        "bound": to.as_ref().map(|p| p.bound.clone()),
        "keep": keep,
    });
    render(ctx, c, json)
}

/// Whether `table` has a constraint `name` of its own on either side.
fn kept(ctx: &BuildContext, table: &QualifiedName, name: &str) -> bool {
    [ctx.rules.from, ctx.rules.to]
        .iter()
        .filter_map(|s| s.tables.get(table))
        .any(|t| t.constraints.contains_key(name))
}

/// The parent's CHECK constraints that `table` lacks before it is attached: PostgreSQL
/// refuses the attach without them (under their names), and makes them the parent's.
fn missing_checks(ctx: &BuildContext, table: &QualifiedName, parent: &QualifiedName) -> Vec<Value> {
    let has = |name: &str| {
        let table = ctx.rules.from.tables.get(table);
        table.is_some_and(|t| t.constraints.contains_key(name))
    };
    let parent = ctx.rules.to.tables.get(parent).into_iter();
    (parent.flat_map(|p| p.constraints.values()))
        .filter(|k| k.kind.is_inherited_check())
        .filter(|k| !has(&k.name))
        .map(constraint_context)
        .collect()
}

/// The names of `table`'s own indexes and constraints in `schema` (a key's or exclusion
/// constraint's index is named as the constraint).
fn own_names(schema: &Schema, table: &QualifiedName) -> Vec<String> {
    let indexes = schema
        .indexes
        .values()
        .filter(|i| i.table == *table)
        .map(|i| i.name.name.clone());
    let constraints = schema
        .tables
        .get(table)
        .into_iter()
        .flat_map(|t| t.constraints.keys().cloned());
    indexes.chain(constraints).collect()
}

/// `ALTER TABLE … OF type` / `NOT OF`.
pub fn set_of_type(c: &SetOfType) -> Value {
    json!({ "table": qname(&c.table), "of_type": c.to.as_ref().map(qname) })
}

/// `ALTER TABLE … NO INHERIT parent` / `INHERIT parent`. An up file that would leave a
/// column the table's own where the schema has it inherited only is refused
/// (`inherits.rs`); a down file puts the parent back as PostgreSQL can.
pub fn set_inherits(c: &SetInherits, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let SetInherits { table, from, to } = c;
    if !ctx.down {
        if let Some(refusal) = super::inherits::inherit_refusal(c, ctx.rules.from, ctx.rules.to) {
            return Err(BuildError::Other(refusal));
        }
    }
    render(
        ctx,
        c,
        json!({
            "table": qname(table),
            "removed": from.iter().filter(|p| !to.contains(p)).map(qname).collect::<Vec<_>>(),
            "added": to.iter().filter(|p| !from.contains(p)).map(qname).collect::<Vec<_>>(),
        }),
    )
}

pub fn rename_table(c: &RenameTable) -> Value {
    let RenameTable { from, to } = c;
    json!({ "table": qname(from), "new_name": quote_ident(&to.name) })
}

pub fn set_row_security(c: &SetRowSecurity) -> Value {
    let SetRowSecurity { table, from, to } = c;
    let mut actions = Vec::new();
    if from.0 != to.0 {
        actions.push(if to.0 {
            "ENABLE ROW LEVEL SECURITY"
        } else {
            "DISABLE ROW LEVEL SECURITY"
        });
    }
    if from.1 != to.1 {
        actions.push(if to.1 {
            "FORCE ROW LEVEL SECURITY"
        } else {
            "NO FORCE ROW LEVEL SECURITY"
        });
    }
    json!({ "table": qname(table), "actions": actions })
}

/// `ALTER TABLE … REPLICA IDENTITY DEFAULT | FULL | NOTHING | USING INDEX i`.
pub fn set_replica_identity(c: &SetReplicaIdentity) -> Value {
    let identity = match &c.to {
        ReplicaIdentity::Default => "DEFAULT".to_string(),
        ReplicaIdentity::Full => "FULL".to_string(),
        ReplicaIdentity::Nothing => "NOTHING".to_string(),
        ReplicaIdentity::Index(index) => format!("USING INDEX {}", quote_ident(index)),
    };
    json!({ "table": qname(&c.table), "identity": identity })
}

/// `ALTER TABLE | MATERIALIZED VIEW … CLUSTER ON index` / `SET WITHOUT CLUSTER`.
pub fn set_cluster_on(c: &SetClusterOn) -> Value {
    json!({
        "table": qname(&c.table),
        "materialized": c.materialized,
        // Before a drop, a file run again finds the relation gone.
        "before_drop": c.before_drop,
        "index": c.to.as_deref().map(quote_ident),
    })
}

/// `ALTER TABLE … SET LOGGED | SET UNLOGGED`.
pub fn set_unlogged(c: &SetUnlogged) -> Value {
    json!({ "table": qname(&c.table), "unlogged": c.to })
}

/// `name = 'value'` for each storage parameter (PostgreSQL keeps the text of any value,
/// quoted or not).
pub(crate) fn parameter_list(parameters: &[(String, String)]) -> Vec<String> {
    parameters
        .iter()
        .map(|(name, value)| format!("{name} = {}", quote_literal(value)))
        .collect()
}

/// Storage parameters going from `from` to `to`: the `name = value` items to `SET` (set
/// or changed) and the names to `RESET` (gone). Tables, indexes and materialized views
/// alike.
pub(crate) fn parameter_changes<'a>(
    from: &'a [(String, String)],
    to: &[(String, String)],
) -> (Vec<String>, Vec<&'a String>) {
    let set: Vec<(String, String)> = to.iter().filter(|p| !from.contains(p)).cloned().collect();
    let reset = from
        .iter()
        .map(|(name, _)| name)
        .filter(|name| !to.iter().any(|(n, _)| n == *name))
        .collect();
    (parameter_list(&set), reset)
}

/// `ALTER TABLE … SET (…)` for the parameters set or changed, `RESET (…)` for the others.
pub fn set_storage_parameters(c: &SetStorageParameters) -> Value {
    let (set, reset) = parameter_changes(&c.from, &c.to);
    json!({ "table": qname(&c.table), "set": set, "reset": reset })
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(context_builder(set_storage_parameters));
    r.builder(context_builder(set_replica_identity));
    r.builder(context_builder(set_unlogged));
    r.builder(context_builder(set_cluster_on));
    r.builder(create_table);
    r.builder(drop_table);
    r.builder(context_builder(rename_table));
    r.builder(set_partition);
    r.builder(set_inherits);
    r.builder(context_builder(set_of_type));
    r.builder(context_builder(set_row_security));
}
