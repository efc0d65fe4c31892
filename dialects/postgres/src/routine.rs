//! Functions, procedures and triggers: their identity and canonical definitions.
//!
//! A function written in a file and the same function printed by `pg_get_functiondef`
//! must compare equal. The canonical key is built from the parsed statement: the
//! resolved name, each parameter (mode, name, canonical type, canonical default), the
//! canonical result type, the body text, and only those options that differ from
//! PostgreSQL's defaults (`VOLATILE`, `CALLED ON NULL INPUT`, `SECURITY INVOKER`,
//! `PARALLEL UNSAFE`, `COST 100`, …), which the catalog omits. Triggers are deparsed after
//! their names are resolved and their `WHEN` condition is canonicalised.

use crate::normalize::{canonical_rewrite, canonical_type, const_text, deparse_expr, strings};
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::{Expr, Function, QualifiedName, Trigger};
use pg_query::protobuf::{self as pb, node::Node as N, FunctionParameterMode as Mode};

/// Builds a [`Function`] from `CREATE [OR REPLACE] FUNCTION|PROCEDURE`.
///
/// `resolve` qualifies an unqualified name; `emit` is the SQL to keep for creating it
/// (`None`: deparse the statement).
pub fn function(
    s: &pb::CreateFunctionStmt,
    default_schema: &str,
    emit: Option<String>,
) -> Result<Function, String> {
    function_in(s, default_schema, emit, None)
}

/// [`function`], with the relations a SQL-standard body (`BEGIN ATOMIC …`) reads: its
/// `SELECT`s are compared through the canonical query, as the catalog prints them with
/// columns qualified.
pub fn function_in(
    s: &pb::CreateFunctionStmt,
    default_schema: &str,
    emit: Option<String>,
    rel: Option<&dyn crate::query::Relations>,
) -> Result<Function, String> {
    let names = strings(&s.funcname);
    let name = match names.as_slice() {
        [n] => QualifiedName::new(default_schema, n.clone()),
        [sch, n] => QualifiedName::new(sch.clone(), n.clone()),
        _ => return Err(format!("cannot read the function name {}", names.join("."))),
    };
    let mut params = Vec::new();
    let mut signature = Vec::new();
    let mut refs = Vec::new();
    for p in &s.parameters {
        let Some(N::FunctionParameter(fp)) = &p.node else {
            continue;
        };
        let t = fp
            .arg_type
            .as_ref()
            .ok_or_else(|| format!("parameter {} has no type", fp.name))?;
        let ct = canonical_type(t, default_schema)?;
        refs.extend(ct.user_type.clone());
        let mode = Mode::try_from(fp.mode).unwrap_or(Mode::FuncParamIn);
        let mode_text = match mode {
            Mode::FuncParamOut => "OUT",
            Mode::FuncParamInout => "INOUT",
            Mode::FuncParamVariadic => "VARIADIC",
            Mode::FuncParamTable => "TABLE",
            _ => "IN",
        };
        if matches!(
            mode,
            Mode::FuncParamIn
                | Mode::FuncParamInout
                | Mode::FuncParamVariadic
                | Mode::FuncParamDefault
        ) {
            signature.push(ct.text.clone());
        }
        let default = match &fp.defexpr {
            Some(d) => {
                let mut d = d.as_ref().clone();
                canonical_rewrite(&mut d);
                format!(" DEFAULT {}", deparse_expr(&d)?)
            }
            None => String::new(),
        };
        params.push(format!("{mode_text} {} {}{default}", fp.name, ct.text));
    }
    let returns = match &s.return_type {
        Some(t) => {
            let ct = canonical_type(t, default_schema)?;
            refs.extend(ct.user_type.clone());
            format!("{}{}", if t.setof { "SETOF " } else { "" }, ct.text)
        }
        None => String::new(),
    };
    let mut language = "sql".to_string();
    let mut body = String::new();
    let mut options: Vec<String> = Vec::new();
    let mut cost = None;
    let mut rows = None;
    for o in &s.options {
        let Some(N::DefElem(d)) = &o.node else {
            continue;
        };
        let arg = d.arg.as_deref();
        match d.defname.as_str() {
            "as" => {
                body = match arg.and_then(|a| a.node.as_ref()) {
                    Some(N::List(l)) => strings(&l.items).join("\u{0}"),
                    _ => arg.map(const_text).unwrap_or_default(),
                }
            }
            "language" => language = arg.map(const_text).unwrap_or_default().to_lowercase(),
            "volatility" => {
                let v = arg.map(const_text).unwrap_or_default().to_lowercase();
                if v != "volatile" {
                    options.push(v);
                }
            }
            "strict" | "security" | "leakproof" | "window" => {
                let on = matches!(arg.and_then(|a| a.node.as_ref()), Some(N::Boolean(b)) if b.boolval)
                    || arg.map(const_text).as_deref() == Some("true");
                if on {
                    options.push(d.defname.clone());
                }
            }
            "parallel" => {
                let v = arg.map(const_text).unwrap_or_default().to_lowercase();
                if v != "unsafe" {
                    options.push(format!("parallel {v}"));
                }
            }
            "cost" => cost = arg.map(const_text),
            "rows" => rows = arg.map(const_text),
            "set" => {
                if let Some(Some(N::VariableSetStmt(v))) = arg.map(|a| &a.node) {
                    let values: Vec<String> = v.args.iter().map(const_text).collect();
                    options.push(format!("set {}={}", v.name, values.join(",")));
                }
            }
            "support" => options.push(format!(
                "support {}",
                arg.map(const_text).unwrap_or_default()
            )),
            _ => {}
        }
    }
    let default_cost = if matches!(language.as_str(), "c" | "internal") {
        "1"
    } else {
        "100"
    };
    if let Some(c) = cost.filter(|c| c.trim_end_matches(".0") != default_cost) {
        options.push(format!("cost {c}"));
    }
    let default_rows =
        if returns.starts_with("SETOF") || params.iter().any(|p| p.starts_with("TABLE")) {
            "1000"
        } else {
            "0"
        };
    if let Some(r) = rows.filter(|r| r.trim_end_matches(".0") != default_rows) {
        options.push(format!("rows {r}"));
    }
    options.sort();
    if let Some(sql_body) = &s.sql_body {
        let mut b = sql_body.as_ref().clone();
        canonical_rewrite(&mut b);
        let mut parts = Vec::new();
        for st in body_nodes(&b) {
            let text = match (&st.node, rel) {
                (Some(N::SelectStmt(_)), Some(rel)) => crate::query::canonical_query(st, rel)?.key,
                _ => st.deparse(Default::default()).map_err(|e| e.to_string())?,
            };
            parts.push(text);
        }
        body = format!("BEGIN ATOMIC {}; END", parts.join("; "));
        if let Some(N::ReturnStmt(r)) = &b.node {
            if let Some(e) = &r.returnval {
                let mut e = e.as_ref().clone();
                canonical_rewrite(&mut e);
                body = format!("RETURN {}", deparse_expr(&e)?);
            }
        }
    }
    let parameters = params.join(", ");
    let key = format!(
        "{} {}.{}({parameters}) RETURNS {returns} LANGUAGE {language} {} AS {body:?}",
        if s.is_procedure {
            "PROCEDURE"
        } else {
            "FUNCTION"
        },
        name.schema,
        name.name,
        options.join(" ")
    );
    let sql = match emit {
        Some(text) => text,
        None => {
            // Qualified, so the statement does not depend on the search path.
            let mut replaced = s.clone();
            replaced.replace = true;
            replaced.funcname = qualified_name_nodes(&name);
            N::CreateFunctionStmt(Box::new(replaced))
                .deparse(Default::default())
                .map_err(|e| e.to_string())?
        }
    };
    if s.sql_body.is_some() {
        // A SQL-standard body is parsed when the function is created: the tables and
        // functions it names must exist first.
        let own = format!("{}.{}", name.schema, name.name);
        for text in body_statements(s.sql_body.as_deref()) {
            let Ok(parsed) = pg_query::parse(&text, 0) else {
                continue;
            };
            for t in parsed.tables().into_iter().chain(parsed.functions()) {
                let q = match t.split_once('.') {
                    Some((sch, n)) => QualifiedName::new(sch, n),
                    None => QualifiedName::new(default_schema, t.as_str()),
                };
                if q.schema != "pg_catalog" && format!("{}.{}", q.schema, q.name) != own {
                    refs.push(q);
                }
            }
        }
    }
    refs.sort();
    refs.dedup();
    let id = ObjectId::routine(ObjectKind::Function, &name.schema, &name.name, signature);
    Ok(Function {
        id,
        name,
        procedure: s.is_procedure,
        definition: Expr { sql, key, refs },
        returns,
        parameters,
        comment: None,
    })
}

/// The statements of a `BEGIN ATOMIC` body, in order.
fn body_nodes(body: &pb::Node) -> Vec<&pb::Node> {
    match &body.node {
        Some(N::List(l)) => l.items.iter().flat_map(body_nodes).collect(),
        Some(N::ReturnStmt(_)) | None => Vec::new(),
        Some(_) => vec![body],
    }
}

/// The statements of a SQL-standard body as SQL text (`RETURN e` as `SELECT e`).
fn body_statements(body: Option<&pb::Node>) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<&pb::Node> = body.into_iter().collect();
    while let Some(n) = stack.pop() {
        match &n.node {
            Some(N::List(l)) => stack.extend(l.items.iter()),
            Some(N::ReturnStmt(r)) => {
                if let Some(Ok(e)) = r.returnval.as_deref().map(deparse_expr) {
                    out.push(format!("SELECT {e}"));
                }
            }
            Some(other) => {
                if let Ok(text) = other.deparse(Default::default()) {
                    out.push(text);
                }
            }
            None => {}
        }
    }
    out
}

/// Builds a [`Trigger`] from `CREATE [CONSTRAINT] TRIGGER`; `table` is its resolved table.
pub fn trigger(
    s: &pb::CreateTrigStmt,
    table: QualifiedName,
    default_schema: &str,
    emit: Option<String>,
) -> Result<Trigger, String> {
    let names = strings(&s.funcname);
    let function = match names.as_slice() {
        [n] => QualifiedName::new(default_schema, n.clone()),
        [sch, n] => QualifiedName::new(sch.clone(), n.clone()),
        _ => return Err("cannot read the trigger function's name".into()),
    };
    let sql = match emit {
        Some(t) => t,
        None => {
            let mut qualified = s.clone();
            if let Some(rv) = qualified.relation.as_mut() {
                rv.schemaname = table.schema.clone();
            }
            qualified.funcname = qualified_name_nodes(&function);
            N::CreateTrigStmt(Box::new(qualified))
                .deparse(Default::default())
                .map_err(|e| e.to_string())?
        }
    };
    let mut canon = s.clone();
    canon.replace = false;
    if let Some(rv) = canon.relation.as_mut() {
        rv.schemaname = table.schema.clone();
        rv.relname = table.name.clone();
        rv.location = 0;
    }
    canon.funcname = qualified_name_nodes(&function);
    if let Some(w) = canon.when_clause.as_mut() {
        canonical_rewrite(w);
    }
    let key = N::CreateTrigStmt(Box::new(canon))
        .deparse(Default::default())
        .map_err(|e| e.to_string())?;
    Ok(Trigger {
        id: ObjectId::member(ObjectKind::Trigger, &table, s.trigname.clone()),
        table,
        name: s.trigname.clone(),
        definition: Expr {
            sql,
            key,
            refs: vec![function.clone()],
        },
        function,
        comment: None,
    })
}

/// `[schema, name]` as the parse tree spells a qualified name.
fn qualified_name_nodes(q: &QualifiedName) -> Vec<pb::Node> {
    [q.schema.as_str(), q.name.as_str()]
        .iter()
        .map(|p| pb::Node {
            node: Some(N::String(pb::String {
                sval: p.to_string(),
            })),
        })
        .collect()
}
