//! The identity and canonical definition of a function or procedure.
//!
//! A function written in a file and the same function printed by `pg_get_functiondef`
//! must compare equal. The canonical key is built from the parsed statement: the
//! resolved name, each parameter (mode, name, canonical type, canonical default), the
//! canonical result type, the body text, and only those options that differ from
//! PostgreSQL's defaults (`VOLATILE`, `CALLED ON NULL INPUT`, `SECURITY INVOKER`,
//! `PARALLEL UNSAFE`, `COST 100`, …), which the catalog omits.

use crate::normalize::{
    canonical_rewrite, canonical_type, const_text, def_elems, deparse_expr, function_parameters,
    qualified_name_nodes, qualify, strings,
};
use crate::query::{canonical_body_statement, canonical_return, Routine};
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::{Expr, Function, QualifiedName};
use pg_query::protobuf::{self as pb, node::Node as N, FunctionParameterMode as Mode};

/// The parameters as the key spells them (`IN a integer DEFAULT 1`) and the argument types
/// that identify the function (those of `IN`, `INOUT` and `VARIADIC` parameters).
struct Parameters {
    text: Vec<String>,
    signature: Vec<String>,
    /// The types of the `OUT` and `INOUT` parameters, which make a function's result
    /// when it states none.
    outputs: Vec<String>,
}

/// The options that differ from PostgreSQL's defaults, sorted, with the language and the
/// body (`AS`) text.
struct Options {
    language: String,
    body: String,
    options: Vec<String>,
}

/// Builds a [`Function`] from `CREATE [OR REPLACE] FUNCTION|PROCEDURE`.
///
/// An unqualified name is created in `default_schema`; `emit` is the SQL to keep for
/// creating it (`None`: deparse the statement). `rel` gives the relations a SQL-standard
/// body (`BEGIN ATOMIC …`) reads: its `SELECT`s are compared through the canonical query,
/// as the catalog prints them with columns qualified. `defined` lists the routines defined
/// so far (files in order, the catalog by OID): a SQL-standard body calling its own name
/// calls one of the overloads defined before it, and is created after them.
pub fn function_in(
    s: &pb::CreateFunctionStmt,
    default_schema: &str,
    emit: Option<String>,
    rel: Option<&dyn crate::query::Relations>,
    defined: &dyn Fn(&QualifiedName) -> Vec<ObjectId>,
) -> Result<Function, String> {
    let names = strings(&s.funcname);
    let name = qualify(&names, default_schema)
        .ok_or_else(|| format!("cannot read the function name {}", names.join(".")))?;
    let mut refs = Vec::new();
    let params = parameters(s, default_schema, &mut refs)?;
    let returns = match &s.return_type {
        Some(t) => {
            let ct = canonical_type(t, default_schema)?;
            refs.extend(ct.user_type.clone());
            format!("{}{}", if t.setof { "SETOF " } else { "" }, ct.text)
        }
        // `OUT` parameters make the result: the one's type, or `record` for several (the
        // catalog prints it).
        None if !s.is_procedure => match params.outputs.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            _ => "record".to_string(),
        },
        None => String::new(),
    };
    let Options {
        language,
        mut body,
        options,
    } = options(s, &returns, &params.text);
    if let Some(atomic) = atomic_body(s, rel)? {
        body = atomic;
    }
    let parameters = params.text.join(", ");
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
            deparse_function(&replaced)?
        }
    };
    let (body, calls_own_name) = body_refs(s, &name, default_schema);
    refs.extend(body);
    refs.sort();
    refs.dedup();
    let id = ObjectId::routine(
        ObjectKind::Function,
        &name.schema,
        &name.name,
        params.signature.clone(),
    );
    let calls = if calls_own_name {
        let mut calls = defined(&name);
        calls.retain(|c| *c != id);
        calls
    } else {
        Vec::new()
    };
    Ok(Function {
        id,
        name,
        calls,
        procedure: s.is_procedure,
        definition: Expr {
            sql,
            key,
            refs,
            columns: vec![],
        },
        returns,
        parameters,
        comment: None,
        shells: Vec::new(),
    })
}

/// `CREATE FUNCTION` as text. pg_query's deparser writes a parameter's name unquoted, so
/// `"In" int` would come back as the mode `IN`: each name that needs quotes is deparsed as
/// a placeholder and written quoted in its place.
pub(crate) fn deparse_function(s: &pb::CreateFunctionStmt) -> Result<String, String> {
    let mut s = s.clone();
    let mut quoted = Vec::new();
    for p in &mut s.parameters {
        if let Some(N::FunctionParameter(fp)) = p.node.as_mut() {
            let q = crate::quote::quote_ident(&fp.name);
            if !fp.name.is_empty() && q != fp.name {
                let token = format!("migrator_parameter_{}", quoted.len());
                quoted.push((token.clone(), q));
                fp.name = token;
            }
        }
    }
    let mut sql = N::CreateFunctionStmt(Box::new(s))
        .deparse(Default::default())
        .map_err(|e| e.to_string())?;
    for (token, q) in quoted.iter().rev() {
        sql = sql.replace(token.as_str(), q);
    }
    Ok(sql)
}

/// Each parameter's mode, name, canonical type and canonical default; the user types they
/// name go to `refs`.
fn parameters(
    s: &pb::CreateFunctionStmt,
    default_schema: &str,
    refs: &mut Vec<QualifiedName>,
) -> Result<Parameters, String> {
    let mut out = Parameters {
        text: Vec::new(),
        signature: Vec::new(),
        outputs: Vec::new(),
    };
    for fp in function_parameters(&s.parameters) {
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
            out.signature.push(ct.text.clone());
        }
        if matches!(mode, Mode::FuncParamOut | Mode::FuncParamInout) {
            out.outputs.push(ct.text.clone());
        }
        let default = match &fp.defexpr {
            Some(d) => {
                let mut d = d.as_ref().clone();
                canonical_rewrite(&mut d);
                format!(" DEFAULT {}", deparse_expr(&d)?)
            }
            None => String::new(),
        };
        out.text
            .push(format!("{mode_text} {} {}{default}", fp.name, ct.text));
    }
    Ok(out)
}

/// The routine's options, the defaults (which the catalog omits) left out. `COST` and
/// `ROWS` default by language and by whether the function returns a set.
fn options(s: &pb::CreateFunctionStmt, returns: &str, params: &[String]) -> Options {
    let mut out = Options {
        language: "sql".to_string(),
        body: String::new(),
        options: Vec::new(),
    };
    let mut cost = None;
    let mut rows = None;
    for d in def_elems(&s.options) {
        let arg = d.arg.as_deref();
        match d.defname.as_str() {
            "as" => {
                out.body = match arg.and_then(|a| a.node.as_ref()) {
                    Some(N::List(l)) => strings(&l.items).join("\u{0}"),
                    _ => arg.map(const_text).unwrap_or_default(),
                }
            }
            "language" => out.language = arg.map(const_text).unwrap_or_default().to_lowercase(),
            "volatility" => {
                let v = arg.map(const_text).unwrap_or_default().to_lowercase();
                if v != "volatile" {
                    out.options.push(v);
                }
            }
            "strict" | "security" | "leakproof" | "window" => {
                let on = matches!(arg.and_then(|a| a.node.as_ref()), Some(N::Boolean(b)) if b.boolval)
                    || arg.map(const_text).as_deref() == Some("true");
                if on {
                    out.options.push(d.defname.clone());
                }
            }
            "parallel" => {
                let v = arg.map(const_text).unwrap_or_default().to_lowercase();
                if v != "unsafe" {
                    out.options.push(format!("parallel {v}"));
                }
            }
            "cost" => cost = arg.map(const_text),
            "rows" => rows = arg.map(const_text),
            "set" => {
                if let Some(Some(N::VariableSetStmt(v))) = arg.map(|a| &a.node) {
                    let values: Vec<String> = v.args.iter().map(const_text).collect();
                    // Setting names ignore case; the catalog keeps the setting's own
                    // spelling (`timezone` comes back as `"TimeZone"`).
                    out.options.push(format!(
                        "set {}={}",
                        v.name.to_lowercase(),
                        values.join(",")
                    ));
                }
            }
            "support" => out.options.push(format!(
                "support {}",
                arg.map(const_text).unwrap_or_default()
            )),
            _ => {}
        }
    }
    let default_cost = if matches!(out.language.as_str(), "c" | "internal") {
        "1"
    } else {
        "100"
    };
    if let Some(c) = cost.filter(|c| c.trim_end_matches(".0") != default_cost) {
        out.options.push(format!("cost {c}"));
    }
    let default_rows =
        if returns.starts_with("SETOF") || params.iter().any(|p| p.starts_with("TABLE")) {
            "1000"
        } else {
            "0"
        };
    if let Some(r) = rows.filter(|r| r.trim_end_matches(".0") != default_rows) {
        out.options.push(format!("rows {r}"));
    }
    out.options.sort();
    out
}

/// The canonical text of a SQL-standard body (`BEGIN ATOMIC …; END` or `RETURN e`), `None`
/// for a body given as a string.
fn atomic_body(
    s: &pb::CreateFunctionStmt,
    rel: Option<&dyn crate::query::Relations>,
) -> Result<Option<String>, String> {
    let Some(sql_body) = &s.sql_body else {
        return Ok(None);
    };
    let mut b = sql_body.as_ref().clone();
    canonical_rewrite(&mut b);
    let routine = Routine {
        name: strings(&s.funcname).last().cloned().unwrap_or_default(),
        parameters: function_parameters(&s.parameters)
            .map(|p| p.name.clone())
            .filter(|n| !n.is_empty())
            .collect(),
    };
    if let Some(N::ReturnStmt(r)) = &b.node {
        if let Some(e) = &r.returnval {
            let mut e = e.as_ref().clone();
            match rel {
                Some(rel) => canonical_return(&mut e, rel, &routine)?,
                None => canonical_rewrite(&mut e),
            }
            return Ok(Some(format!("RETURN {}", deparse_expr(&e)?)));
        }
    }
    let mut parts = Vec::new();
    for st in body_nodes(&b) {
        let text = match (&st.node, rel) {
            (_, Some(rel)) => canonical_body_statement(st, rel, &routine)?,
            _ => st.deparse(Default::default()).map_err(|e| e.to_string())?,
        };
        parts.push(text);
    }
    Ok(Some(format!("BEGIN ATOMIC {}; END", parts.join("; "))))
}

/// The tables and functions a SQL-standard body names: it is parsed when the function is
/// created, so they must exist first. A call to its own name (another overload) is not
/// among them but said apart: which overload it is, only the overloads defined before it
/// can tell ([`Function::calls`]).
fn body_refs(
    s: &pb::CreateFunctionStmt,
    name: &QualifiedName,
    default_schema: &str,
) -> (Vec<QualifiedName>, bool) {
    let mut refs = Vec::new();
    let mut own_name = false;
    if s.sql_body.is_none() {
        return (refs, own_name);
    }
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
            if q.schema == "pg_catalog" {
                continue;
            }
            if format!("{}.{}", q.schema, q.name) == own {
                own_name = true;
            } else {
                refs.push(q);
            }
        }
    }
    (refs, own_name)
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

#[cfg(test)]
mod tests {
    use pg_query::protobuf::node::Node as N;

    fn options_of(sql: &str) -> Vec<String> {
        let parsed = pg_query::parse(sql, 0).unwrap();
        let Some(N::CreateFunctionStmt(s)) = parsed.protobuf.stmts[0].stmt.clone().unwrap().node
        else {
            panic!("not a function");
        };
        super::options(&s, "integer", &[]).options
    }

    #[test]
    fn setting_names_compare_without_case() {
        let file =
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql SET timezone = 'UTC' AS 'SELECT 1'";
        let catalog =
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql SET \"TimeZone\" TO 'UTC' AS 'SELECT 1'";
        assert_eq!(options_of(file), options_of(catalog));
        let other =
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql SET timezone = 'CET' AS 'SELECT 1'";
        assert_ne!(options_of(file), options_of(other));
    }

    #[test]
    fn parameter_names_that_need_quotes_keep_them() {
        let sql = "CREATE FUNCTION f(\"In\" int, \"Out\" text, plain int, \"OUT\" int) \
                   RETURNS int LANGUAGE sql AS $$ SELECT \"In\" $$";
        let parsed = pg_query::parse(sql, 0).unwrap();
        let Some(N::CreateFunctionStmt(s)) = parsed.protobuf.stmts[0].stmt.clone().unwrap().node
        else {
            panic!("not a function");
        };
        let text = super::deparse_function(&s).unwrap();
        assert!(
            text.contains("(\"In\" int, \"Out\" text, plain int, \"OUT\" int)"),
            "{text}"
        );
        let again = pg_query::parse(&text, 0).unwrap();
        let Some(N::CreateFunctionStmt(f)) = again.protobuf.stmts[0].stmt.clone().unwrap().node
        else {
            panic!("not a function");
        };
        let names: Vec<String> = f
            .parameters
            .iter()
            .filter_map(|p| match &p.node {
                Some(N::FunctionParameter(fp)) => Some(fp.name.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["In", "Out", "plain", "OUT"]);
    }
}
