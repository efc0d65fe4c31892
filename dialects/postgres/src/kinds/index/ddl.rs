//! DDL builders for this kind's change kinds.
//!
//! Stand-alone indexes, built and dropped `CONCURRENTLY` under `--online` (and then alone,
//! outside a transaction).

use crate::ddl::comments::restore_comment;
use crate::ddl::context_builder;
use crate::ddl::{qname, render};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::dialect::RuleContext;
use migrator_core::dialect::{BuildContext, BuildError, Statement};
use migrator_core::kinds::{
    CreateIndex, DropIndex, Index, RenameIndex, SetIndexStatistics, SetIndexStorageParameters,
};
use migrator_core::plan::TxRule;
use migrator_core::schema::QualifiedName;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub fn create_index(c: &CreateIndex, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let CreateIndex(i) = c;
    if i.nulls_not_distinct {
        ctx.require_version(c, 15, "an index with NULLS NOT DISTINCT")?;
    }
    if !i.include.is_empty() {
        ctx.require_version(c, 11, "an index with INCLUDE columns")?;
    }
    let comments = restore_comment(&**i);
    let concurrently = concurrent(&i.table, &ctx.rules);
    // A file that runs outside a transaction holds one statement: under `--online` the
    // comments and statistics targets wait for the last step.
    let (comments, later): (Vec<_>, Vec<_>) = if concurrently {
        (Vec::new(), comments)
    } else {
        (comments, Vec::new())
    };
    let mut context = index_context(i, concurrently, comments);
    if concurrently {
        context["statistics"] = json!([]);
    }
    let mut out = render(ctx, c, context)?;
    for (column, target) in i.statistics.iter().filter(|_| concurrently) {
        out.push(Statement {
            sql: format!(
                "ALTER INDEX {} ALTER COLUMN {column} SET STATISTICS {target};",
                qname(&i.name)
            ),
            deferred: 1,
        });
    }
    for c in later {
        out.push(Statement {
            sql: format!(
                "COMMENT ON {} {} IS {};",
                c["on"].as_str().unwrap_or_default(),
                c["target"].as_str().unwrap_or_default(),
                c["text"].as_str().unwrap_or_default()
            ),
            deferred: 1,
        });
    }
    Ok(out)
}

/// The context of `create_index.sql` for the index `i` (also included by the templates
/// that build an index again, as `drop_key_restoring_index.sql` does).
pub(crate) fn index_context(i: &Index, concurrently: bool, comments: Vec<Value>) -> Value {
    json!({
        "concurrently": concurrently,
        // CREATE INDEX takes a bare name: the index lives in its table's schema.
        "name": quote_ident(&i.name.name),
        "qualified_name": qname(&i.name),
        "table": qname(&i.table),
        "unique": i.unique,
        "method": i.method,
        "keys": i.keys.iter().map(|k| k.def.sql.clone()).collect::<Vec<_>>(),
        "include": i.include.iter().map(|n| quote_ident(n)).collect::<Vec<_>>(),
        "nulls_not_distinct": i.nulls_not_distinct,
        "with": i.with.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>(),
        "predicate": i.predicate.as_ref().map(|p| p.sql.clone()),
        "statistics": statistics(&i.statistics),
        "comments": comments,
    })
}

/// Statistics targets as the templates take them: `{column, target}` each.
fn statistics(targets: &BTreeMap<u16, i32>) -> Vec<Value> {
    targets
        .iter()
        .map(|(column, target)| json!({ "column": column, "target": target }))
        .collect()
}

/// `ALTER INDEX … ALTER COLUMN n SET STATISTICS …` for each target that changes (one
/// gone is set back to -1, the default).
pub fn set_index_statistics(c: &SetIndexStatistics) -> Value {
    let mut changed: BTreeMap<u16, i32> = c
        .from
        .keys()
        .filter(|k| !c.to.contains_key(k))
        .map(|k| (*k, -1))
        .collect();
    changed.extend(c.to.iter().filter(|(k, v)| c.from.get(k) != Some(v)));
    json!({ "index": qname(&c.index), "statistics": statistics(&changed) })
}

/// `--online`: whether an index on `table` is built and dropped `CONCURRENTLY` — the table
/// exists before and after, and is a partitioned parent on neither side (PostgreSQL cannot
/// build or drop those concurrently; a table that becomes partitioned is created again).
pub fn concurrent(table: &QualifiedName, rules: &RuleContext) -> bool {
    let plain = |s: &migrator_core::schema::Schema| {
        s.tables
            .get(table)
            .is_some_and(|t| t.partition_by.is_none())
    };
    rules.online_on(table) && plain(rules.from) && plain(rules.to)
}

/// An index built or dropped `CONCURRENTLY` runs alone, outside a transaction.
fn index_tx_rule(i: &Index, rules: &RuleContext) -> TxRule {
    if concurrent(&i.table, rules) {
        TxRule::Alone
    } else {
        TxRule::InTransaction
    }
}

/// [`index_tx_rule`] for a `CREATE INDEX`.
pub fn create_index_tx_rule(c: &CreateIndex, rules: &RuleContext) -> TxRule {
    index_tx_rule(&c.0, rules)
}

/// [`index_tx_rule`] for a `DROP INDEX`.
pub fn drop_index_tx_rule(c: &DropIndex, rules: &RuleContext) -> TxRule {
    index_tx_rule(&c.0, rules)
}

pub fn drop_index(c: &DropIndex, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let DropIndex(i) = c;
    let mut out = render(
        ctx,
        c,
        json!({ "name": qname(&i.name), "concurrently": concurrent(&i.table, &ctx.rules) }),
    )?;
    // The partitions' indexes it adopted go with it: they are built again as they were,
    // in this statement's transaction (never `CONCURRENTLY`).
    for a in &i.adopts {
        let context = index_context(a, false, restore_comment(a));
        out.extend(render(ctx, &CreateIndex(Box::new(a.clone())), context)?);
    }
    Ok(out)
}

/// `ALTER INDEX … SET (…), RESET (…)`.
pub fn set_index_storage_parameters(c: &SetIndexStorageParameters) -> Value {
    let (set, reset) = crate::kinds::table::ddl::parameter_changes(&c.from, &c.to);
    json!({ "index": qname(&c.index), "set": set, "reset": reset })
}

/// `ALTER INDEX … RENAME TO`.
pub fn rename_index(c: &RenameIndex) -> Value {
    let RenameIndex { from, to } = c;
    json!({ "index": qname(from), "new_name": quote_ident(&to.name) })
}

/// Registers this kind's builders (and transaction rules).
pub(crate) fn register(r: &mut Registry) {
    r.builder(context_builder(rename_index));
    r.builder(context_builder(set_index_storage_parameters));
    r.builder(context_builder(set_index_statistics));
    r.builder(create_index);
    r.builder(drop_index);
    r.tx_rule(create_index_tx_rule);
    r.tx_rule(drop_index_tx_rule);
}
