//! DDL builders: one per TimescaleDB object kind, each rendering
//! `templates/timescale/<kind>.sql` for a create (`op = "create"`), a drop (`"drop"`) or a
//! change (`"alter"`), and the transaction rules measured on TimescaleDB 2.23.

use crate::interval::Interval;
use crate::objects::*;
use migrator_core::change::ChangeKind;
use migrator_core::dialect::{BuildContext, BuildError, Registry, RuleContext, Statement};
use migrator_core::kinds::{AddColumn, CreateExtension, DialectObjectChange, DropExtension};
use migrator_core::plan::TxRule;
use migrator_core::render::quote_literal;
use migrator_core::schema::{Column, DialectObject, Extension, QualifiedName};
use migrator_postgres::quote::quote_ident;
use serde_json::{json, Value};

type Ctx = fn(&DialectObject) -> Result<Value, String>;

/// Every object kind with the function that turns its payload into template context.
pub const BUILDERS: &[(&str, Ctx)] = &[
    (HYPERTABLE, hypertable),
    (COMPRESSION, compression),
    (COMPRESSION_POLICY, chunk_policy),
    (RETENTION_POLICY, chunk_policy),
    (REORDER_POLICY, reorder_policy),
    (CONTINUOUS_AGGREGATE, continuous_aggregate),
    (REFRESH_POLICY, refresh_policy),
    (CAGG_INDEX, cagg_index),
];

/// Registers the builders and the transaction rules.
pub fn register(registry: &mut Registry) {
    for (kind, ctx) in BUILDERS {
        let ctx = *ctx;
        registry.dialect_builder(kind, move |c, b| build(ctx, c, b));
    }
    // `CREATE MATERIALIZED VIEW … WITH (timescaledb.continuous)` materialises the view
    // (WITH DATA, the default) and then fails inside a transaction block, including the
    // implicit one of a multi-statement Exec; measured on TimescaleDB 2.23.
    registry.dialect_tx_rule(CONTINUOUS_AGGREGATE, |c, _: &RuleContext| {
        match (&c.from, &c.to) {
            (None, Some(_)) => TxRule::Alone,
            _ => TxRule::InTransaction,
        }
    });
    registry.builder(|c: &CreateExtension, b: &BuildContext| {
        match timescaledb_extension(c, &c.0, b)? {
            Some(built) => Ok(built),
            None => migrator_postgres::ddl::create_extension(c, b),
        }
    });
    registry.builder(|c: &DropExtension, b: &BuildContext| {
        match timescaledb_extension(c, &c.0, b)? {
            Some(built) => Ok(built),
            None => migrator_postgres::ddl::drop_extension(c, b),
        }
    });
    registry.builder(add_column);
}

/// `ADD COLUMN`. TimescaleDB refuses a NOT NULL column without a default on a hypertable
/// with compression enabled, even an empty one, but takes `SET NOT NULL` after: the column
/// is added nullable, then made NOT NULL (measured on TimescaleDB 2.23).
fn add_column(c: &AddColumn, b: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let column = &c.column;
    let plain = column.default.is_none() && column.identity.is_none() && column.generated.is_none();
    let compressed =
        (b.rules.from.dialect_objects).contains_key(&object_id(&table_key(COMPRESSION, &c.table)));
    if !(column.not_null && plain && compressed) {
        return migrator_postgres::ddl::add_column(c, b);
    }
    let nullable = AddColumn {
        table: c.table.clone(),
        column: Box::new(Column {
            not_null: false,
            ..(**column).clone()
        }),
    };
    let mut built = migrator_postgres::ddl::add_column(&nullable, b)?;
    built.push(Statement::new(format!(
        "ALTER TABLE {} ALTER COLUMN {} SET NOT NULL;",
        qname(&c.table),
        quote_ident(&column.name)
    )));
    Ok(built)
}

/// The `timescaledb` extension itself has templates of its own
/// (`create_extension_timescaledb`, `drop_extension_timescaledb`); `None` for any other
/// extension, which PostgreSQL's builder handles.
fn timescaledb_extension<T: ChangeKind>(
    change: &T,
    ext: &Extension,
    b: &BuildContext,
) -> Result<Option<Vec<Statement>>, BuildError> {
    if ext.name != "timescaledb" {
        return Ok(None);
    }
    Ok(Some(vec![b.render_named(
        &format!("{}_timescaledb", T::KIND),
        change,
        json!({ "schema": ext.schema.as_deref().map(quote_ident) }),
    )?]))
}

fn build(
    ctx: Ctx,
    c: &DialectObjectChange,
    b: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let DialectObjectChange { from, to } = c;
    let op = match (from, to) {
        (None, Some(_)) => "create",
        (Some(_), None) => "drop",
        _ => "alter",
    };
    let side = |o: &Option<DialectObject>| -> Result<Value, BuildError> {
        o.as_ref()
            .map_or(Ok(Value::Null), |o| ctx(o).map_err(BuildError::Other))
    };
    let (f, t) = (side(from)?, side(to)?);
    let mut dimension_changes = vec![];
    if let (Some(fo), Some(tob)) = (from, to) {
        if fo.kind() == HYPERTABLE && changes_in_place(fo, tob)? {
            dimension_changes = changed_dimensions(fo, tob)?;
        } else if fo.kind() == HYPERTABLE {
            let again = rebuild_dependents(tob, b)?;
            let mut out = vec![
                b.render(c, json!({ "op": "drop", "from": f, "to": Value::Null }))?,
                b.render(c, json!({ "op": "create", "from": Value::Null, "to": t }))?,
            ];
            out.extend(again);
            return Ok(out);
        }
    }
    if let (Some(fo), Some(tob)) = (from, to) {
        if fo.kind() == COMPRESSION && same_but_renamed_columns(fo, tob, b)? {
            // TimescaleDB's settings follow a renamed column: the rename is the change.
            return Ok(vec![]);
        }
    }
    let decompress = from.as_ref().is_some_and(|o| loses_a_column(o, b));
    Ok(vec![b.render(
        c,
        json!({ "op": op, "from": f, "to": t, "dimension_changes": dimension_changes, "decompress": decompress }),
    )?])
}

/// True when the compression settings `from` and `to` differ only by columns renamed with
/// `-- migrator:renamed-from`: the new names of the desired side (`rules.to`, the up) or the
/// old names its inverse goes back to (`rules.from`, the down).
fn same_but_renamed_columns(
    from: &DialectObject,
    to: &DialectObject,
    b: &BuildContext,
) -> Result<bool, BuildError> {
    let (f, t): (Compression, Compression) = (
        payload(from).map_err(BuildError::Other)?,
        payload(to).map_err(BuildError::Other)?,
    );
    let renamed = |side: &migrator_core::schema::Schema, forward: bool| {
        let mut g = f.clone();
        let Some(table) = side.tables.get(&t.table) else {
            return false;
        };
        let mut any = false;
        for c in table.columns.iter() {
            let Some(old) = &c.renamed_from else { continue };
            let (a, z) = if forward {
                (old.as_str(), c.name.as_str())
            } else {
                (c.name.as_str(), old.as_str())
            };
            any = true;
            for s in &mut g.segmentby {
                if s == a {
                    *s = z.to_string();
                }
            }
            for e in &mut g.orderby {
                *e = crate::load::rename::renamed_sort_key(e, a, z);
            }
        }
        any && g.segmentby == t.segmentby && g.orderby == t.orderby
    };
    Ok(renamed(b.rules.to, true) || renamed(b.rules.from, false))
}

/// True when compression settings name a column the desired schema drops: TimescaleDB
/// refuses to drop it while a compressed chunk (which keeps the settings it was compressed
/// with) names it, so the change decompresses the chunks first.
fn loses_a_column(from: &DialectObject, b: &BuildContext) -> bool {
    from.kind() == COMPRESSION
        && from.columns.iter().any(|c| {
            b.rules
                .to
                .tables
                .get(&c.table)
                .is_some_and(|t| t.column(&c.column).is_none())
        })
}

fn qname(n: &QualifiedName) -> String {
    format!("{}.{}", quote_ident(&n.schema), quote_ident(&n.name))
}

/// The relation as a string literal (`'"public"."metrics"'`), as TimescaleDB's
/// `regclass` parameters take it.
fn regclass(n: &QualifiedName) -> String {
    quote_literal(&qname(n))
}

fn interval_sql(micros_or_units: i64, integer: bool) -> String {
    if integer {
        micros_or_units.to_string()
    } else {
        format!(
            "INTERVAL '{}'",
            Interval::from_micros(micros_or_units).canonical()
        )
    }
}

fn dimension_sql(d: &Dimension) -> String {
    match d {
        Dimension::Hash { column, partitions } => {
            format!("by_hash({}, {partitions})", quote_literal(column))
        }
        Dimension::Range {
            column,
            interval,
            integer,
        } => format!(
            "by_range({}, {})",
            quote_literal(column),
            interval_sql(*interval, *integer)
        ),
    }
}

fn hypertable(o: &DialectObject) -> Result<Value, String> {
    let h: Hypertable = payload(o)?;
    Ok(json!({
        "table": qname(&h.table),
        "regclass": regclass(&h.table),
        "schema_literal": quote_literal(&h.table.schema),
        "name_literal": quote_literal(&h.table.name),
        "time_column": quote_literal(&h.time_column),
        "interval": interval_sql(h.chunk_interval, h.integer),
        "dimension": dimension_sql(&Dimension::Range { column: h.time_column.clone(), interval: h.chunk_interval, integer: h.integer }),
        "dimensions": h.dimensions.iter().map(dimension_sql).collect::<Vec<_>>(),
        "integer_now_func": h.integer_now_func.as_ref().map(|f| quote_literal(&qname(f))),
        "dimension_columns": h.dimensions.iter().map(|d| match d { Dimension::Hash { column, .. } | Dimension::Range { column, .. } => column.clone() }).collect::<Vec<_>>(),
    }))
}

/// TimescaleDB can change a chunk interval (`set_chunk_time_interval`, of any range
/// dimension), the partitions of a hash dimension (`set_number_partitions`) and add
/// dimensions, nothing else in place: a changed time column or a dimension removed or
/// replaced by another (a down file undoing an `add_dimension`) rebuilds the hypertable, as
/// a plain table first (the drop template, which keeps the rows and flags the hazard) and
/// then a hypertable again.
fn changes_in_place(from: &DialectObject, to: &DialectObject) -> Result<bool, BuildError> {
    let (f, t): (Hypertable, Hypertable) = (
        payload(from).map_err(BuildError::Other)?,
        payload(to).map_err(BuildError::Other)?,
    );
    // TimescaleDB can replace an `integer_now` function, not take it away.
    Ok(f.time_column == t.time_column
        && (f.integer_now_func.is_none() || t.integer_now_func.is_some())
        && f.dimensions.len() <= t.dimensions.len()
        && f.dimensions
            .iter()
            .zip(&t.dimensions)
            .all(|(a, b)| same_dimension(a, b)))
}

/// The same dimension, perhaps with another interval or number of partitions.
fn same_dimension(a: &Dimension, b: &Dimension) -> bool {
    match (a, b) {
        (Dimension::Hash { column: x, .. }, Dimension::Hash { column: y, .. }) => x == y,
        (
            Dimension::Range {
                column: x,
                integer: i,
                ..
            },
            Dimension::Range {
                column: y,
                integer: j,
                ..
            },
        ) => x == y && i == j,
        (Dimension::Hash { .. }, Dimension::Range { .. })
        | (Dimension::Range { .. }, Dimension::Hash { .. }) => false,
    }
}

/// The statements changing, in place, the further dimensions both sides have (see
/// [`changes_in_place`]): a new interval or a new number of partitions, by name.
fn changed_dimensions(from: &DialectObject, to: &DialectObject) -> Result<Vec<String>, BuildError> {
    let (f, t): (Hypertable, Hypertable) = (
        payload(from).map_err(BuildError::Other)?,
        payload(to).map_err(BuildError::Other)?,
    );
    let rel = regclass(&t.table);
    let mut out = vec![];
    for (a, b) in f.dimensions.iter().zip(&t.dimensions) {
        if a == b {
            continue;
        }
        out.push(match b {
            Dimension::Hash { column, partitions } => format!(
                "SELECT set_number_partitions({rel}, {partitions}, dimension_name => {});",
                quote_literal(column)
            ),
            Dimension::Range {
                column,
                interval,
                integer,
            } => format!(
                "SELECT set_chunk_time_interval({rel}, {}, dimension_name => {});",
                interval_sql(*interval, *integer),
                quote_literal(column)
            ),
        });
    }
    Ok(out)
}

/// What TimescaleDB keeps on a hypertable (compression settings, policies) is dropped with
/// it by a rebuild: those that stay are created again after it, in the order they come
/// after each other. Continuous aggregates and views reading it cannot follow (a new
/// continuous aggregate needs a version of its own): one that stays is an error naming it.
fn rebuild_dependents(to: &DialectObject, b: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let h: Hypertable = payload(to).map_err(BuildError::Other)?;
    let (before, after) = (b.rules.from, b.rules.to);
    let stays = |o: &DialectObject| before.dialect_objects.contains_key(&o.id());
    let mut found: Vec<&DialectObject> = vec![];
    let mut frontier = vec![to.name.clone()];
    while let Some(k) = frontier.pop() {
        for o in after.dialect_objects.values() {
            if o.after.contains(&k) && stays(o) && !found.iter().any(|f| f.name == o.name) {
                found.push(o);
                frontier.push(o.name.clone());
            }
        }
    }
    let views = after
        .views
        .values()
        .filter(|v| v.depends_on.contains(&h.table) && before.views.contains_key(&v.name))
        .map(|v| format!("the view {}", v.name));
    let followers = |o: &&DialectObject| {
        BUILDERS
            .iter()
            .find(|(k, _)| *k == o.kind() && FOLLOW_A_REBUILD.contains(k))
    };
    let lost: Vec<String> = found
        .iter()
        .filter(|o| followers(o).is_none())
        .map(|o| {
            // A continuous aggregate's key ends in `#` and its fingerprint.
            let name = o.name.name.split('#').next().unwrap_or_default();
            format!("its {} {name}", o.kind().replace('_', " "))
        })
        .chain(views)
        .collect();
    if let Some(first) = lost.first() {
        let more = match lost.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        return Err(BuildError::Other(format!(
            "hypertable {}: TimescaleDB cannot remove or change a dimension or the time column in place, \
             and rebuilding the hypertable would lose {first}{more}; drop it in an earlier migration, \
             or create the new layout as a new table",
            h.table
        )));
    }
    let mut out = vec![];
    for o in &found {
        let (_, ctx) = followers(o).expect("checked above");
        let create = DialectObjectChange {
            from: None,
            to: Some((*o).clone()),
        };
        out.extend(build(*ctx, &create, b)?);
    }
    Ok(out)
}

/// The kinds a rebuilt hypertable creates again: its own settings and policies.
const FOLLOW_A_REBUILD: &[&str] = &[
    COMPRESSION,
    COMPRESSION_POLICY,
    RETENTION_POLICY,
    REORDER_POLICY,
];

fn compression(o: &DialectObject) -> Result<Value, String> {
    let c: Compression = payload(o)?;
    Ok(json!({
        "table": qname(&c.table),
        "regclass": regclass(&c.table),
        "segmentby": quote_literal(&c.segmentby.iter().map(|s| quote_ident(s)).collect::<Vec<_>>().join(", ")),
        "orderby": quote_literal(&c.orderby.join(", ")),
        "has_segmentby": !c.segmentby.is_empty(),
        "has_orderby": !c.orderby.is_empty(),
    }))
}

/// A compression or retention policy: the templates name the kind's functions and lag.
fn chunk_policy(o: &DialectObject) -> Result<Value, String> {
    let p: ChunkPolicy = payload(o)?;
    Ok(json!({
        "regclass": regclass(&p.table),
        "lag": p.lag.sql(),
        "schedule_interval": format!("INTERVAL '{}'", p.schedule_interval),
    }))
}

fn reorder_policy(o: &DialectObject) -> Result<Value, String> {
    let p: ReorderPolicy = payload(o)?;
    Ok(json!({
        "regclass": regclass(&p.table),
        "index": quote_literal(&p.index),
    }))
}

fn continuous_aggregate(o: &DialectObject) -> Result<Value, String> {
    let c: ContinuousAggregate = payload(o)?;
    Ok(json!({
        "view": qname(&c.view),
        "query": c.query,
        "materialized_only": c.materialized_only,
        "create_group_indexes": c.create_group_indexes,
    }))
}

fn refresh_policy(o: &DialectObject) -> Result<Value, String> {
    let p: RefreshPolicy = payload(o)?;
    let lag = |l: &Option<Lag>| l.as_ref().map_or("NULL".to_string(), Lag::sql);
    Ok(json!({
        "regclass": regclass(&p.view),
        "start_offset": lag(&p.start_offset),
        "end_offset": lag(&p.end_offset),
        "schedule_interval": format!("INTERVAL '{}'", p.schedule_interval),
    }))
}

fn cagg_index(o: &DialectObject) -> Result<Value, String> {
    let i: CaggIndex = payload(o)?;
    Ok(json!({
        "view": qname(&i.view),
        "name": quote_ident(&i.name),
        "internal_name": format!("{}.{}", quote_ident(MATERIALIZATION_SCHEMA), quote_ident(&i.name)),
        "unique": i.unique,
        "keys": i.keys.join(", "),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_kind_has_a_builder_and_a_template() {
        for kind in KINDS {
            assert!(
                BUILDERS.iter().any(|(k, _)| k == kind),
                "no builder for {kind}"
            );
            assert!(
                crate::TEMPLATES.get_file(format!("{kind}.sql")).is_some(),
                "no template templates/timescale/{kind}.sql"
            );
        }
    }
}
