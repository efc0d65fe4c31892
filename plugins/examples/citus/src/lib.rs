//! An example dialect plugin: [Citus](https://docs.citusdata.com/) on PostgreSQL.
//!
//! Citus distributes a table with a function call, not with DDL:
//! `SELECT create_distributed_table('orders', 'customer_id')`. In desired SQL such calls
//! become dialect objects (`distributed_table`, `reference_table`), which migrator diffs like
//! any object; this plugin turns their changes back into calls
//! ([`create_distributed_table`](https://docs.citusdata.com/en/stable/develop/api_udf.html#create-distributed-table),
//! `create_reference_table`, `alter_distributed_table`, `undistribute_table`), rendered from
//! its own templates. Tables, indexes and everything else stay PostgreSQL's.
//!
//! Reading Citus metadata from a live database is not implemented: with Citus installed,
//! introspection stops with an error saying so (generate offline instead).

mod call;

use call::{parse_call, Arg};
use migrator_plugin_api::{
    export_plugin, BuildRequest, BuiltStatement, Manifest, Name, Object, Plugin, StatementRequest,
    StatementResponse, TxRule, API_VERSION,
};
use serde_json::{json, Value};

const DISTRIBUTED: &str = "distributed_table";
const REFERENCE: &str = "reference_table";

/// The Citus plugin.
pub struct Citus;

fn template(file: &str) -> (String, String) {
    let text = match file {
        "create_distributed_table.sql" => include_str!("../templates/create_distributed_table.sql"),
        "alter_distributed_table.sql" => include_str!("../templates/alter_distributed_table.sql"),
        "create_reference_table.sql" => include_str!("../templates/create_reference_table.sql"),
        _ => include_str!("../templates/undistribute_table.sql"),
    };
    (file.to_string(), text.to_string())
}

impl Plugin for Citus {
    fn manifest(&self) -> Manifest {
        Manifest {
            name: "citus".into(),
            base: "postgres".into(),
            api_version: API_VERSION,
            version: env!("CARGO_PKG_VERSION").into(),
            description: "Citus distributed tables on PostgreSQL (example plugin)".into(),
            templates: [
                "create_distributed_table.sql",
                "alter_distributed_table.sql",
                "create_reference_table.sql",
                "undistribute_table.sql",
            ]
            .into_iter()
            .map(template)
            .collect(),
            object_kinds: vec![DISTRIBUTED.into(), REFERENCE.into()],
            tx_rules: [
                (DISTRIBUTED.to_string(), TxRule::InTransaction),
                (REFERENCE.to_string(), TxRule::InTransaction),
            ]
            .into_iter()
            .collect(),
            statement_keywords: vec![
                "create_distributed_table".into(),
                "create_reference_table".into(),
                "alter_distributed_table".into(),
                "undistribute_table".into(),
            ],
            catalog_queries: vec!["SELECT json_build_object('citus_installed', EXISTS \
                 (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus'))"
                .into()],
        }
    }

    fn statement(&self, req: StatementRequest) -> Result<Option<StatementResponse>, String> {
        let Some(call) = parse_call(&req.sql)? else {
            return Ok(None);
        };
        let has = |kind: &str, table: &Name| {
            req.objects
                .iter()
                .any(|o| o.name == object_name(kind, table))
        };
        let mut resp = StatementResponse::default();
        match call.function.as_str() {
            "create_distributed_table" | "alter_distributed_table" => {
                let table = call.table()?;
                let altering = call.function == "alter_distributed_table";
                let column = if altering {
                    call.named("distribution_column")
                } else {
                    call.positional(1)
                        .or_else(|| call.named("distribution_column"))
                };
                let current = req
                    .objects
                    .iter()
                    .find(|o| o.name == object_name(DISTRIBUTED, &table));
                if altering && current.is_none() {
                    return Err(format!("table {} is not distributed", show(&table)));
                }
                let column = match (column, current) {
                    (Some(c), _) => c.text()?,
                    (None, Some(o)) => o.payload["column"].as_str().unwrap_or("").to_string(),
                    (None, None) => {
                        return Err("create_distributed_table needs a distribution column".into())
                    }
                };
                let colocate = match call.named("colocate_with") {
                    Some(a) => match a.text()?.as_str() {
                        "default" | "none" => None,
                        t => Some(call::table_name(t)?),
                    },
                    // alter_distributed_table without colocate_with colocates by Citus's
                    // default rule again, as create_distributed_table does.
                    None => None,
                };
                if has(REFERENCE, &table) {
                    resp.remove.push(object_name(REFERENCE, &table));
                }
                resp.upsert.push(distributed(&table, &column, colocate));
            }
            "create_reference_table" => {
                let table = call.table()?;
                if has(DISTRIBUTED, &table) {
                    resp.remove.push(object_name(DISTRIBUTED, &table));
                }
                resp.upsert.push(Object {
                    name: object_name(REFERENCE, &table),
                    depends_on: vec![table.clone()],
                    after: vec![],
                    payload: json!({ "table": table }),
                });
            }
            "undistribute_table" => {
                let table = call.table()?;
                let found: Vec<Name> = [DISTRIBUTED, REFERENCE]
                    .iter()
                    .filter(|k| has(k, &table))
                    .map(|k| object_name(k, &table))
                    .collect();
                if found.is_empty() {
                    return Err(format!("table {} is not distributed", show(&table)));
                }
                resp.remove = found;
            }
            _ => return Ok(None),
        }
        Ok(Some(resp))
    }

    fn build(&self, req: BuildRequest) -> Result<Vec<BuiltStatement>, String> {
        let t = |name: &str, context: Value| BuiltStatement::Template {
            template: name.to_string(),
            context,
        };
        let out = match (req.kind.as_str(), &req.from, &req.to) {
            (_, Some(from), None) => t("undistribute_table", from.payload.clone()),
            (DISTRIBUTED, None, Some(to)) => t("create_distributed_table", to.payload.clone()),
            (DISTRIBUTED, Some(_), Some(to)) => t("alter_distributed_table", to.payload.clone()),
            (REFERENCE, None, Some(to)) => t("create_reference_table", to.payload.clone()),
            (kind, _, _) => return Err(format!("cannot build a `{kind}` change")),
        };
        Ok(vec![out])
    }

    fn read_catalog(&self, rows: Vec<Vec<Value>>) -> Result<Vec<Object>, String> {
        let installed = rows
            .first()
            .and_then(|r| r.first())
            .and_then(|row| row["citus_installed"].as_bool())
            .unwrap_or(false);
        if installed {
            return Err(
                "this database has Citus installed, and reading Citus metadata \
                        (pg_dist_partition) is not implemented by the example citus plugin; \
                        generate offline (without --dsn) instead"
                    .into(),
            );
        }
        Ok(Vec::new())
    }
}

fn object_name(kind: &str, table: &Name) -> Name {
    Name::new(kind, show(table))
}

fn show(table: &Name) -> String {
    format!("{}.{}", table.schema, table.name)
}

fn distributed(table: &Name, column: &str, colocate: Option<Name>) -> Object {
    Object {
        name: object_name(DISTRIBUTED, table),
        depends_on: vec![table.clone()],
        after: colocate
            .iter()
            .filter(|c| *c != table)
            .map(|c| object_name(DISTRIBUTED, c))
            .collect(),
        payload: json!({ "table": table, "column": column, "colocate_with": colocate }),
    }
}

impl call::Call {
    fn table(&self) -> Result<Name, String> {
        match self.positional(0).or_else(|| self.named("table_name")) {
            Some(a) => call::table_name(&a.text()?),
            None => Err(format!("{} needs a table name", self.function)),
        }
    }
}

impl Arg {
    fn text(&self) -> Result<String, String> {
        match self {
            Arg::Text(s) => Ok(s.clone()),
            Arg::Other(s) => Err(format!("expected a string literal, found `{s}`")),
        }
    }
}

export_plugin!(Citus);
