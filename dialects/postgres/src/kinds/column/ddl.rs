//! DDL builders for this kind's change kinds.
//!
//! Columns: added, dropped, renamed and altered (type, default, nullability, identity,
//! storage), with the `--online` way of setting NOT NULL, and their generation expression
//! dropped in place (`DROP EXPRESSION`) or given by adding the column again.

use crate::ddl::context_builder;
use crate::ddl::definitions::{column_comment, column_context, identity_clause, qualified_type};
use crate::ddl::{check_table_features, qname, render};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{
    AddColumn, AlterColumn, AlterGeneration, AroundParent, Column, DropColumn, Generation,
    RenameColumn,
};
use migrator_core::render::quote_literal;
use migrator_core::schema::{QualifiedName, Schema};
use serde_json::json;
use serde_json::Value;

pub fn add_column(c: &AddColumn, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let AddColumn { table, column } = c;
    check_table_features(ctx, c, &[column], &[])?;
    // A table given the parent's columns before it attaches as a partition: once it is
    // one, PostgreSQL refuses `ADD COLUMN` even with `IF NOT EXISTS`, so a second run
    // asks the catalog first.
    let becomes_partition = ctx
        .rules
        .to
        .tables
        .get(table)
        .is_some_and(|t| t.partition_of.is_some());
    render(
        ctx,
        c,
        json!({
            "table": qname(table),
            "column": column_context(column),
            "raw_column": column.name,
            "guard_partition": becomes_partition && ctx.options().idempotent,
            "comments": column_comment(table, column).into_iter().collect::<Vec<_>>(),
        }),
    )
}

/// `ALTER TABLE … DROP COLUMN`; `ONLY` the table when the tables that inherit the column
/// from it keep it as their own (`ALTER TABLE child ADD COLUMN` after the parent's, or a
/// column the file moves from the parent to its children): without `ONLY`, PostgreSQL
/// would drop it from them too.
pub fn drop_column(c: &DropColumn, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let DropColumn { table, column } = c;
    let (from, to) = (ctx.rules.from, ctx.rules.to);
    let heirs: Vec<&QualifiedName> = from
        .tables
        .values()
        .filter(|t| t.inherits.contains(table))
        .filter(|t| t.column(&column.name).is_some_and(|c| c.inherited))
        .map(|t| &t.name)
        .collect();
    let kept = |child: &QualifiedName| {
        to.tables
            .get(child)
            .and_then(|t| t.column(&column.name))
            .is_some_and(|c| !c.inherited)
    };
    let only = !heirs.is_empty() && heirs.iter().all(|t| kept(t));
    let json = json!({ "table": qname(table), "column": quote_ident(&column.name), "only": only });
    render(ctx, c, json)
}

/// `SET (…)` for the attribute options set or changed, `RESET (…)` for the others.
pub(crate) fn option_actions(from: &[(String, String)], to: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    let set: Vec<String> = to
        .iter()
        .filter(|o| !from.contains(o))
        .map(|(name, value)| format!("{name} = {}", quote_literal(value)))
        .collect();
    if !set.is_empty() {
        out.push(format!("SET ({})", set.join(", ")));
    }
    let reset: Vec<&str> = from
        .iter()
        .filter(|(name, _)| !to.iter().any(|(n, _)| n == name))
        .map(|(name, _)| name.as_str())
        .collect();
    if !reset.is_empty() {
        out.push(format!("RESET ({})", reset.join(", ")));
    }
    out
}

/// The `USING` expression that converts `from`'s values to `to`'s type `ty`. A cast,
/// except where PostgreSQL has none: between two user types (one enum to another) the
/// values go through text; between numbers and dates or timestamps they are read as Unix
/// epoch seconds (`to_timestamp`, UTC for a type without a time zone) and back
/// (`extract(epoch …)`).
fn conversion(from: &Column, to: &Column, ty: &str) -> String {
    let col = quote_ident(&to.name);
    if matches!((&from.type_ref, &to.type_ref), (Some(a), Some(b)) if a != b) {
        return format!("{col}::text::{ty}");
    }
    match (time_kind(&from.data_type), time_kind(&to.data_type)) {
        (Some(TimeKind::Number), Some(TimeKind::WithZone)) => format!("to_timestamp({col})"),
        (Some(TimeKind::Number), Some(TimeKind::Local)) => {
            format!("to_timestamp({col}) AT TIME ZONE 'UTC'")
        }
        (Some(TimeKind::Number), Some(TimeKind::Date)) => {
            format!("(to_timestamp({col}) AT TIME ZONE 'UTC')::date")
        }
        (Some(TimeKind::Local), Some(TimeKind::Number)) => {
            format!("extract(epoch FROM {col} AT TIME ZONE 'UTC')::{ty}")
        }
        (Some(TimeKind::WithZone | TimeKind::Date), Some(TimeKind::Number)) => {
            format!("extract(epoch FROM {col})::{ty}")
        }
        _ => format!("{col}::{ty}"),
    }
}

/// The built-in types between which PostgreSQL has no cast but epoch seconds convert.
#[derive(Clone, Copy)]
enum TimeKind {
    Number,
    Local,
    WithZone,
    Date,
}

fn time_kind(data_type: &str) -> Option<TimeKind> {
    // `timestamp(3) with time zone` is a timestamp with a time zone.
    let base = match (data_type.find('('), data_type.find(')')) {
        (Some(open), Some(close)) if open < close => {
            format!("{}{}", &data_type[..open], &data_type[close + 1..])
        }
        _ => data_type.to_string(),
    };
    match base.trim() {
        "smallint" | "integer" | "bigint" | "numeric" | "real" | "double precision" => {
            Some(TimeKind::Number)
        }
        "timestamp without time zone" | "timestamp" => Some(TimeKind::Local),
        "timestamp with time zone" => Some(TimeKind::WithZone),
        "date" => Some(TimeKind::Date),
        _ => None,
    }
}

/// The `ALTER COLUMN` actions that turn `from` into `to`, in an order PostgreSQL accepts.
fn actions(from: &Column, to: &Column) -> Vec<String> {
    let mut out = Vec::new();
    let type_changes = from.data_type != to.data_type || from.collation != to.collation;
    let default_changes = from.default != to.default;
    if from.identity.is_some() && to.identity.is_none() {
        out.push("DROP IDENTITY".to_string());
    }
    if from.default.is_some() && (default_changes || type_changes) {
        out.push("DROP DEFAULT".to_string());
    }
    if type_changes {
        let collate = to
            .collation
            .as_deref()
            .map(|c| format!(" COLLATE {}", quote_ident(c)))
            .unwrap_or_default();
        let ty = qualified_type(to);
        out.push(format!(
            "TYPE {ty}{collate} USING {}",
            conversion(from, to, &ty)
        ));
    }
    if let Some(d) = &to.default {
        if default_changes || type_changes {
            out.push(format!("SET DEFAULT {}", d.sql));
        }
    }
    if from.not_null != to.not_null
        && !(to.identity.is_some() && from.identity.is_none() && to.not_null)
    {
        out.push(
            if to.not_null {
                "SET NOT NULL"
            } else {
                "DROP NOT NULL"
            }
            .to_string(),
        );
    }
    // A type change resets the storage mode to the new type's.
    if from.storage != to.storage || (type_changes && to.storage.is_some()) {
        let mode = match (&to.storage, &from.storage) {
            (Some(s), _) => Some(s.mode.clone()),
            (None, Some(s)) if !type_changes => Some(s.type_default.clone()),
            _ => None,
        };
        if let Some(mode) = mode {
            out.push(format!("SET STORAGE {mode}"));
        }
    }
    if from.statistics != to.statistics {
        out.push(format!("SET STATISTICS {}", to.statistics.unwrap_or(-1)));
    }
    out.extend(option_actions(&from.options, &to.options));
    let fdw_options =
        crate::kinds::foreign_data::ddl::option_changes(&from.fdw_options, &to.fdw_options);
    if !fdw_options.is_empty() {
        out.push(format!("OPTIONS ({})", fdw_options.join(", ")));
    }
    match (&from.identity, &to.identity) {
        (None, Some(_)) => {
            if !from.not_null {
                out.push("SET NOT NULL".to_string());
            }
            out.push(format!("ADD {}", identity_clause(to).unwrap_or_default()));
        }
        (Some(a), Some(b)) if a != b => {
            let mut parts = Vec::new();
            if a.always != b.always {
                parts.push(format!(
                    "SET GENERATED {}",
                    if b.always { "ALWAYS" } else { "BY DEFAULT" }
                ));
            }
            if a.options != b.options {
                // Spell every option so values going back to a default are reset too.
                parts.push(format!(
                    "SET INCREMENT BY {} SET MINVALUE {} SET MAXVALUE {} SET START WITH {} SET CACHE {} SET {}",
                    b.options.increment,
                    b.options.min_value,
                    b.options.max_value,
                    b.options.start,
                    b.options.cache,
                    if b.options.cycle { "CYCLE" } else { "NO CYCLE" }
                ));
            }
            if !parts.is_empty() {
                out.push(parts.join(" "));
            }
        }
        _ => {}
    }
    out
}

pub fn alter_column(c: &AlterColumn, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let AlterColumn {
        table, from, to, ..
    } = c;
    let mut actions = actions(from, to);
    let foreign = |s: &Schema| s.tables.get(table).is_some_and(|t| t.foreign.is_some());
    if foreign(ctx.rules.to) {
        // PostgreSQL takes no `USING` for a foreign table: it converts nothing.
        for a in actions.iter_mut().filter(|a| a.starts_with("TYPE ")) {
            a.truncate(a.find(" USING ").unwrap_or(a.len()));
        }
    }
    if ctx.options().idempotent {
        for a in &mut actions {
            if a == "DROP IDENTITY" {
                a.push_str(" IF EXISTS");
            }
        }
    }
    let online = ctx.rules.online_on(table);
    let check = quote_ident(&not_null_check(table, &to.name));
    let t = qname(table);
    let col = quote_ident(&to.name);
    let mut later = Vec::new();
    let mut extra = Vec::new();
    // Before PostgreSQL 12, SET NOT NULL scans even with a validated check: no gain.
    let check_trick = ctx.options().pg_version >= 12;
    if online && check_trick && !ctx.down && !from.not_null && to.not_null && to.identity.is_none()
    {
        // `SET NOT NULL` scans the table under an ACCESS EXCLUSIVE lock, unless a validated
        // `CHECK (col IS NOT NULL)` already proves it (PostgreSQL 12+). So: the check is
        // added NOT VALID here, validated in the last step (writers pass), and only then
        // `SET NOT NULL` (no scan) and the check dropped.
        actions.retain(|a| a != "SET NOT NULL");
        let add =
            format!("ALTER TABLE {t} ADD CONSTRAINT {check} CHECK ({col} IS NOT NULL) NOT VALID;");
        let validate = format!("ALTER TABLE {t} VALIDATE CONSTRAINT {check};");
        if ctx.options().idempotent {
            // Guards on the catalog: the check is added while the column is still nullable
            // and validated while it exists.
            let exists = format!(
                "EXISTS (SELECT FROM pg_constraint WHERE conrelid = to_regclass({}) AND conname = {})",
                quote_literal(&t),
                quote_literal(&not_null_check(table, &to.name))
            );
            let nullable = format!(
                "NOT (SELECT attnotnull FROM pg_attribute WHERE attrelid = to_regclass({}) AND attname = {})",
                quote_literal(&t),
                quote_literal(&to.name)
            );
            extra.push(guard(&format!("NOT {exists} AND {nullable}"), &add));
            // A second run finds the check gone (dropped below): it is put back first, so
            // the VALIDATE stays a plain statement (linters see the check validated before
            // SET NOT NULL).
            later.push(format!(
                "{}\n{validate}",
                guard(&format!("NOT {exists}"), &add)
            ));
        } else {
            extra.push(add);
            later.push(validate);
        }
        later.push(format!("ALTER TABLE {t} ALTER COLUMN {col} SET NOT NULL;"));
        later.push(format!(
            "ALTER TABLE {t} DROP CONSTRAINT {}{check};",
            if ctx.options().idempotent {
                "IF EXISTS "
            } else {
                ""
            }
        ));
    }
    if online && check_trick && ctx.down && from.not_null && !to.not_null {
        // The down of such an up: if the last step never ran, its check is still there.
        extra.push(format!(
            "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {check};"
        ));
    }
    let guard_column =
        ctx.options().idempotent && matches!(c.around, Some(AroundParent::Before(_)));
    let type_guard = (ctx.options().idempotent && !guard_column)
        .then(|| retype_guard(table, from, to, ctx.options().pg_version))
        .flatten();
    let mut out = render(
        ctx,
        c,
        json!({
            "table": t,
            "column": col,
            "raw_column": to.name,
            "actions": actions,
            // A partition's override undone before its parent drops the column: a second
            // run finds no column.
            "guard_column": guard_column,
            "type_guard": type_guard,
            // A serial made identity: a second run finds the identity already there.
            "identity_guard": ctx.options().idempotent && c.handover,
            // A foreign table's column options: a second run finds them set.
            "fdw_options_guard": (ctx.options().idempotent && from.fdw_options != to.fdw_options)
                .then(|| fdw_options_guard(table, to)),
            // Narrowed identity bounds restart a sequence never used (`sequence::ddl::narrows`).
            "identity_restart_unused": matches!((&from.identity, &to.identity),
                (Some(a), Some(b)) if crate::kinds::sequence::ddl::narrows(&a.options, &b.options)),
            // A typed table's column the type takes away carries its comment, for the down
            // file to put back (`table/typed.rs` in core); other changes carry none.
            "comments": (from.comment != to.comment)
                .then(|| column_comment(table, to))
                .flatten()
                .into_iter()
                .collect::<Vec<_>>(),
        }),
    )?;
    let first = out.first_mut().expect("one statement");
    // An identity traded for a serial or back keeps its numbering (`handover.rs`).
    if let Some(noted) = super::handover::note(table, from, to).filter(|_| c.handover) {
        first.sql = format!("{noted}\n{}", first.sql);
    }
    if let Some(resumed) = super::handover::resume(table, from, to).filter(|_| c.handover) {
        first.sql = format!("{}\n{resumed}", first.sql);
    }
    for e in extra {
        first.sql = if first.sql.is_empty() {
            e
        } else {
            format!("{}\n{e}", first.sql)
        };
    }
    for (i, sql) in later.into_iter().enumerate() {
        out.push(Statement {
            sql,
            deferred: if i == 0 { 1 } else { 2 },
        });
    }
    Ok(out)
}

/// The condition under which an idempotent file retypes the column: while the catalog does
/// not show it of the new type (the same type, and the same text as `format_type` prints
/// it, so the same modifiers) and collation already. A second run then skips the
/// `ALTER COLUMN … TYPE`, which PostgreSQL would refuse under a view, a rule or a
/// SQL-standard body that the file created after it the first time. `None` when the
/// column's type does not change, or when its collation changes before PostgreSQL 13
/// (no `to_regcollation`): then the statement runs again, as a no-op cast.
/// [`options_guard`](crate::kinds::foreign_data::ddl::options_guard) of the column `to`.
fn fdw_options_guard(table: &QualifiedName, to: &Column) -> String {
    let stored = format!(
        "(SELECT attfdwoptions FROM pg_attribute WHERE attrelid = to_regclass({}) AND attname = {})",
        quote_literal(&qname(table)),
        quote_literal(&to.name)
    );
    crate::kinds::foreign_data::ddl::options_guard(&stored, &to.fdw_options)
}

fn retype_guard(table: &QualifiedName, from: &Column, to: &Column, pg: u32) -> Option<String> {
    if from.data_type == to.data_type && from.collation == to.collation {
        return None;
    }
    let mut spellings = vec![quote_literal(&to.data_type)];
    if qualified_type(to) != to.data_type {
        spellings.push(quote_literal(&qualified_type(to)));
    }
    let collation = match &to.collation {
        Some(_) if pg < 13 => return None,
        Some(c) => format!(
            "a.attcollation = to_regcollation({})",
            quote_literal(&quote_ident(c))
        ),
        None => {
            "a.attcollation = (SELECT typcollation FROM pg_type WHERE oid = a.atttypid)".to_string()
        }
    };
    Some(format!(
        "NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = to_regclass({}) \
         AND a.attname = {} AND NOT a.attisdropped AND a.atttypid = to_regtype({}) \
         AND format_type(a.atttypid, a.atttypmod) IN ({}) AND {collation})",
        quote_literal(&qname(table)),
        quote_literal(&to.name),
        quote_literal(&qualified_type(to)),
        spellings.join(", "),
    ))
}

/// `statement` under migrator's catalog guard (the form the schema loader replays).
fn guard(condition: &str, statement: &str) -> String {
    format!("DO $migrator$ BEGIN IF {condition} THEN\n{statement}\nEND IF; END $migrator$;")
}

/// The temporary check `--online` builds a `SET NOT NULL` on: `<table>_<column>_not_null`.
fn not_null_check(table: &QualifiedName, column: &str) -> String {
    crate::names::object_name(&table.name, Some(column), "not_null")
}

/// `ALTER TABLE … RENAME COLUMN`.
pub fn rename_column(c: &RenameColumn) -> Value {
    let RenameColumn { table, from, to } = c;
    json!({ "table": qname(table), "column": quote_ident(from), "raw_column": from, "new_name": quote_ident(to) })
}

/// A generation expression dropped in place (`DROP EXPRESSION`, PostgreSQL 13+: the column
/// keeps its values), or given to a column (the down of that), which PostgreSQL before 17
/// cannot do in place: the column is dropped and added again, generated, through the
/// `drop_column` and `add_column` templates.
pub fn alter_generation(
    c: &AlterGeneration,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let AlterGeneration { table, from, to } = c;
    match c.direction() {
        Generation::Dropped => {
            ctx.require_version(c, 13, "ALTER COLUMN … DROP EXPRESSION")?;
            render(
                ctx,
                c,
                json!({ "table": qname(table), "column": quote_ident(&to.name) }),
            )
        }
        Generation::Readded => {
            let drop = DropColumn {
                table: table.clone(),
                column: from.clone(),
            };
            let mut out = drop_column(&drop, ctx)?;
            let add = AddColumn {
                table: table.clone(),
                column: to.clone(),
            };
            out.extend(add_column(&add, ctx)?);
            Ok(out)
        }
    }
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(context_builder(rename_column));
    r.builder(add_column);
    r.builder(drop_column);
    r.builder(alter_column);
    r.builder(alter_generation);
}
