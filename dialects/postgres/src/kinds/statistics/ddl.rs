//! DDL builders for this kind's change kinds: `CREATE STATISTICS` (with its target and
//! comment), `DROP STATISTICS` and `ALTER STATISTICS … SET STATISTICS`.

use crate::ddl::comments::restore_comment;
use crate::ddl::{context_builder, create_drop_builders, qname};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::kinds::AlterStatistics;
use migrator_core::schema::Statistics;
use serde_json::{json, Value};

fn statistics_context(s: &Statistics) -> Value {
    let columns = s.columns.iter().map(|c| quote_ident(c));
    let expressions = s.expressions.iter().map(|e| format!("({})", e.sql));
    json!({
        "name": qname(&s.name),
        "table": qname(&s.table),
        "kinds": s.kinds,
        "items": columns.chain(expressions).collect::<Vec<_>>(),
        "target": s.target.map(|t| t.to_string()),
        "comments": restore_comment(s),
    })
}

fn alter_statistics(c: &AlterStatistics) -> Value {
    json!({
        "name": qname(&c.name),
        "target": c.to.unwrap_or(-1),
    })
}

/// Registers this kind's builders.
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, statistics_context);
    r.builder(context_builder(alter_statistics));
}
