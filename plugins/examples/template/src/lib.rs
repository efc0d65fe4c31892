//! A minimal dialect plugin, meant to be copied (see docs/plugins.md).
//!
//! Dialect `example`, built on `postgres`. It recognises one statement in desired SQL,
//! `SELECT example_mark('table', 'label')`, keeps it as an `example_mark` dialect object
//! and writes it back through its template `example/set_example_mark.sql`, which renders
//! the call as a `COMMENT ON TABLE` so the generated SQL runs on plain PostgreSQL.

use migrator_plugin_api::{
    export_plugin, BuildRequest, BuiltStatement, Manifest, Name, Object, Plugin, StatementRequest,
    StatementResponse, API_VERSION,
};
use serde_json::json;

const KIND: &str = "example_mark";

pub struct Example;

impl Plugin for Example {
    fn manifest(&self) -> Manifest {
        Manifest {
            name: "example".into(),
            base: "postgres".into(),
            api_version: API_VERSION,
            version: env!("CARGO_PKG_VERSION").into(),
            description: "Template plugin: marks tables (copy me)".into(),
            templates: [
                (
                    "set_example_mark.sql".to_string(),
                    "SELECT example_mark({{ table | ident | literal }}, {{ label | literal }});"
                        .to_string(),
                ),
                (
                    "drop_example_mark.sql".to_string(),
                    "SELECT example_unmark({{ table | ident | literal }});".to_string(),
                ),
            ]
            .into_iter()
            .collect(),
            object_kinds: vec![KIND.into()],
            statement_keywords: vec!["example_mark".into(), "example_unmark".into()],
            ..Manifest::default()
        }
    }

    fn statement(&self, req: StatementRequest) -> Result<Option<StatementResponse>, String> {
        let sql = req.sql.trim();
        let lower = sql.to_ascii_lowercase();
        let unmark = lower.starts_with("select example_unmark(");
        if !unmark && !lower.starts_with("select example_mark(") {
            return Ok(None);
        }
        // Arguments are simple string literals: 'table' and 'label'.
        let args: Vec<String> = sql
            .split('\'')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        let table = args.first().ok_or("example_mark needs a table name")?;
        let (schema, name) = table.split_once('.').unwrap_or(("public", table));
        let table = Name::new(schema, name.to_lowercase());
        let key = Name::new(KIND, format!("{}.{}", table.schema, table.name));
        if unmark {
            return Ok(Some(StatementResponse {
                remove: vec![key],
                ..Default::default()
            }));
        }
        let label = args.get(1).ok_or("example_mark needs a label")?;
        Ok(Some(StatementResponse {
            upsert: vec![Object {
                name: key,
                depends_on: vec![table.clone()],
                after: vec![],
                payload: json!({ "table": table, "label": label }),
            }],
            remove: vec![],
        }))
    }

    fn build(&self, req: BuildRequest) -> Result<Vec<BuiltStatement>, String> {
        Ok(vec![match (&req.from, &req.to) {
            (_, Some(to)) => BuiltStatement::Template {
                template: "set_example_mark".into(),
                context: to.payload.clone(),
            },
            (Some(from), None) => BuiltStatement::Template {
                template: "drop_example_mark".into(),
                context: from.payload.clone(),
            },
            (None, None) => return Err("empty change".into()),
        }])
    }
}

export_plugin!(Example);
