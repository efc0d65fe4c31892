//! Aggregates and operators (`CREATE AGGREGATE`, `CREATE OPERATOR`): identity and canonical
//! definition.
//!
//! The SQL loader and introspection both come through here: introspection prints each
//! `pg_aggregate`/`pg_operator` row as a `CREATE` statement with every name qualified and
//! only the options that differ from PostgreSQL's defaults, and parses it like a file's
//! statement. The definition is rebuilt from the parsed options (names resolved, types
//! canonical, defaults dropped, fixed order), so it is both the key and the SQL emitted.
//! The old aggregate syntax (`BASETYPE = …`) is read as the new one.
//!
//! Not supported (explicit errors): ordered-set and hypothetical-set aggregates.

use crate::normalize::{const_text, strings, CanonicalType};
use crate::quote::quote_ident;
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::render::quote_literal;
use migrator_core::schema::{Aggregate, Expr, Operator, QualifiedName};
use pg_query::protobuf::{self as pb, node::Node as N, FunctionParameterMode as Mode};

/// What an unqualified name in an option names, for [`Resolver::schema_of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A function: a user one along the path, else `pg_catalog`.
    Function,
    /// A commutator or negator: a user one along the path, else one created next to it.
    Operator,
    /// A sort operator: a user one along the path, else `pg_catalog`.
    SortOperator,
}

/// How the caller resolves names and types (the loader along its search path; the catalog
/// text is fully qualified).
pub trait Resolver {
    /// The schema of an unqualified function or operator name.
    fn schema_of(&self, kind: Kind, name: &str) -> String;
    /// The canonical form of a type name.
    fn type_of(&self, t: &pb::TypeName) -> Result<CanonicalType, String>;
    /// The schema unqualified new objects are created in.
    fn creation_schema(&self) -> String;
}

/// Qualifies an object name (`[schema.]name`).
fn object_name(names: &[String], r: &dyn Resolver, kind: Option<Kind>) -> R<QualifiedName> {
    match names {
        [n] => Ok(QualifiedName::new(
            match kind {
                Some(k) => r.schema_of(k, n),
                None => r.creation_schema(),
            },
            n.clone(),
        )),
        [s, n] | [_, s, n] => Ok(QualifiedName::new(s.clone(), n.clone())),
        _ => Err(format!("cannot read the name {}", names.join("."))),
    }
}

type R<T> = Result<T, String>;

/// The names an option's argument holds (`f`, `s.f`, `OPERATOR(s.<)`).
fn arg_names(arg: Option<&pb::Node>) -> Vec<String> {
    match arg.and_then(|a| a.node.as_ref()) {
        Some(N::TypeName(t)) => strings(&t.names),
        Some(N::List(l)) => strings(&l.items),
        Some(N::String(s)) => vec![s.sval.clone()],
        _ => vec![],
    }
}

fn function_ref(
    arg: Option<&pb::Node>,
    r: &dyn Resolver,
    refs: &mut Vec<QualifiedName>,
) -> R<String> {
    let q = object_name(&arg_names(arg), r, Some(Kind::Function))?;
    let text = format!("{}.{}", quote_ident(&q.schema), quote_ident(&q.name));
    if q.schema != "pg_catalog" {
        refs.push(q);
    }
    Ok(text)
}

fn operator_ref(arg: Option<&pb::Node>, r: &dyn Resolver, kind: Kind) -> R<QualifiedName> {
    object_name(&arg_names(arg), r, Some(kind))
}

fn operator_text(q: &QualifiedName) -> String {
    format!("OPERATOR({}.{})", quote_ident(&q.schema), q.name)
}

fn type_ref(arg: Option<&pb::Node>, r: &dyn Resolver, refs: &mut Vec<QualifiedName>) -> R<String> {
    let Some(N::TypeName(t)) = arg.and_then(|a| a.node.as_ref()) else {
        return Err("expected a type name".into());
    };
    let ct = r.type_of(t)?;
    refs.extend(ct.user_type);
    Ok(ct.text)
}

fn flag(arg: Option<&pb::Node>) -> bool {
    match arg {
        None => true,
        Some(a) => matches!(
            const_text(a).to_lowercase().as_str(),
            "true" | "on" | "1" | "yes"
        ),
    }
}

fn words(arg: Option<&pb::Node>) -> String {
    arg.map(const_text).unwrap_or_default().to_lowercase()
}

/// Builds an [`Aggregate`] from `CREATE AGGREGATE`.
pub fn aggregate(s: &pb::DefineStmt, r: &dyn Resolver) -> R<Aggregate> {
    let name = object_name(&strings(&s.defnames), r, None)?;
    let mut refs = Vec::new();
    // Arguments: `(type, …)` of the new syntax, `BASETYPE` of the old one; `None` is `*`.
    let mut args: Option<Vec<String>> = None;
    let mut signature: Vec<String> = Vec::new();
    if !s.oldstyle {
        if let Some(Some(N::Integer(i))) = s.args.get(1).map(|a| &a.node) {
            if i.ival >= 0 {
                return Err(format!(
                    "aggregate {name}: ordered-set aggregates (WITHIN GROUP) are not supported yet"
                ));
            }
        }
        if let Some(Some(N::List(l))) = s.args.first().map(|a| &a.node) {
            let mut list = Vec::new();
            for p in &l.items {
                let Some(N::FunctionParameter(fp)) = &p.node else {
                    continue;
                };
                let t = fp
                    .arg_type
                    .as_ref()
                    .ok_or_else(|| format!("aggregate {name}: an argument has no type"))?;
                let ct = r.type_of(t)?;
                refs.extend(ct.user_type.clone());
                signature.push(ct.text.clone());
                let variadic = Mode::try_from(fp.mode) == Ok(Mode::FuncParamVariadic);
                let mut text = String::new();
                if variadic {
                    text.push_str("VARIADIC ");
                }
                if !fp.name.is_empty() {
                    text.push_str(&quote_ident(&fp.name));
                    text.push(' ');
                }
                text.push_str(&ct.text);
                list.push(text);
            }
            args = Some(list);
        }
    }
    let mut options: Vec<(usize, String)> = Vec::new();
    const ORDER: &[&str] = &[
        "sfunc",
        "stype",
        "sspace",
        "finalfunc",
        "finalfunc_extra",
        "finalfunc_modify",
        "combinefunc",
        "serialfunc",
        "deserialfunc",
        "initcond",
        "msfunc",
        "minvfunc",
        "mstype",
        "msspace",
        "mfinalfunc",
        "mfinalfunc_extra",
        "mfinalfunc_modify",
        "minitcond",
        "sortop",
        "parallel",
    ];
    for o in &s.definition {
        let Some(N::DefElem(d)) = &o.node else {
            continue;
        };
        let arg = d.arg.as_deref();
        let key = d.defname.to_lowercase();
        let key = match key.as_str() {
            "sfunc1" => "sfunc".to_string(),
            "stype1" => "stype".to_string(),
            "initcond1" => "initcond".to_string(),
            _ => key,
        };
        let value = match key.as_str() {
            "basetype" => {
                let any = match arg.and_then(|a| a.node.as_ref()) {
                    Some(N::TypeName(t)) => strings(&t.names) == ["any"],
                    Some(N::String(x)) => x.sval.eq_ignore_ascii_case("any"),
                    _ => false,
                };
                if any {
                    args = None;
                } else {
                    let t = type_ref(arg, r, &mut refs)?;
                    signature = vec![t.clone()];
                    args = Some(vec![t]);
                }
                continue;
            }
            "hypothetical" => {
                return Err(format!(
                    "aggregate {name}: hypothetical-set aggregates are not supported yet"
                ))
            }
            "sfunc" | "finalfunc" | "combinefunc" | "serialfunc" | "deserialfunc" | "msfunc"
            | "minvfunc" | "mfinalfunc" => Some(function_ref(arg, r, &mut refs)?),
            "stype" | "mstype" => Some(type_ref(arg, r, &mut refs)?),
            "sspace" | "msspace" => Some(words(arg)).filter(|v| v != "0"),
            "finalfunc_extra" | "mfinalfunc_extra" => flag(arg).then(String::new),
            "finalfunc_modify" | "mfinalfunc_modify" => {
                Some(words(arg).to_uppercase()).filter(|v| v != "READ_ONLY")
            }
            "initcond" | "minitcond" => {
                Some(quote_literal(&arg.map(const_text).unwrap_or_default()))
            }
            "sortop" => Some(operator_text(&operator_ref(arg, r, Kind::SortOperator)?)),
            "parallel" => Some(words(arg).to_uppercase()).filter(|v| v != "UNSAFE"),
            other => {
                return Err(format!(
                    "aggregate {name}: the option {} is not supported",
                    other.to_uppercase()
                ))
            }
        };
        let Some(value) = value else { continue };
        let rank = ORDER.iter().position(|k| *k == key).unwrap_or(ORDER.len());
        let text = if value.is_empty() {
            key.to_uppercase()
        } else {
            format!("{} = {value}", key.to_uppercase())
        };
        options.retain(|(k, _)| *k != rank);
        options.push((rank, text));
    }
    options.sort();
    let args_text = match &args {
        None => "*".to_string(),
        Some(a) => a.join(", "),
    };
    let id_args = match &args {
        None => vec!["*".to_string()],
        Some(_) => signature,
    };
    let sql = format!(
        "CREATE AGGREGATE {}.{}({args_text}) ({})",
        quote_ident(&name.schema),
        quote_ident(&name.name),
        options
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    refs.sort();
    refs.dedup();
    Ok(Aggregate {
        id: ObjectId::routine(ObjectKind::Aggregate, &name.schema, &name.name, id_args),
        name,
        definition: Expr {
            key: sql.clone(),
            sql,
            refs,
        },
        comment: None,
    })
}

/// Builds an [`Operator`] from `CREATE OPERATOR`.
pub fn operator(s: &pb::DefineStmt, r: &dyn Resolver) -> R<Operator> {
    let name = object_name(&strings(&s.defnames), r, None)?;
    let mut refs = Vec::new();
    let (mut left, mut right) = (None, None);
    let (mut commutator, mut negator) = (None, None);
    let mut options: Vec<(usize, String)> = Vec::new();
    const ORDER: &[&str] = &[
        "function",
        "commutator",
        "negator",
        "restrict",
        "join",
        "hashes",
        "merges",
    ];
    for o in &s.definition {
        let Some(N::DefElem(d)) = &o.node else {
            continue;
        };
        let arg = d.arg.as_deref();
        let key = match d.defname.to_lowercase().as_str() {
            "procedure" => "function".to_string(),
            k => k.to_string(),
        };
        let value = match key.as_str() {
            "leftarg" => {
                left = Some(type_ref(arg, r, &mut refs)?);
                continue;
            }
            "rightarg" => {
                right = Some(type_ref(arg, r, &mut refs)?);
                continue;
            }
            "function" | "restrict" | "join" => Some(function_ref(arg, r, &mut refs)?),
            "commutator" | "negator" => {
                let q = operator_ref(arg, r, Kind::Operator)?;
                let text = operator_text(&q);
                if key == "commutator" {
                    commutator = Some(q);
                } else {
                    negator = Some(q);
                }
                Some(text)
            }
            "hashes" | "merges" => flag(arg).then(String::new),
            other => {
                return Err(format!(
                    "operator {name}: the option {} is not supported",
                    other.to_uppercase()
                ))
            }
        };
        let Some(value) = value else { continue };
        let rank = ORDER.iter().position(|k| *k == key).unwrap_or(ORDER.len());
        let text = if value.is_empty() {
            key.to_uppercase()
        } else {
            format!("{} = {value}", key.to_uppercase())
        };
        options.retain(|(k, _)| *k != rank);
        options.push((rank, text));
    }
    if !options.iter().any(|(k, _)| *k == 0) {
        return Err(format!("operator {name}: FUNCTION is missing"));
    }
    let right = right.ok_or_else(|| {
        format!("operator {name}: RIGHTARG is missing (postfix operators do not exist since PostgreSQL 14)")
    })?;
    options.sort();
    let mut parts = Vec::new();
    if let Some(l) = &left {
        parts.push(format!("LEFTARG = {l}"));
    }
    parts.push(format!("RIGHTARG = {right}"));
    parts.extend(options.into_iter().map(|(_, t)| t));
    let sql = format!(
        "CREATE OPERATOR {}.{} ({})",
        quote_ident(&name.schema),
        name.name,
        parts.join(", ")
    );
    refs.sort();
    refs.dedup();
    Ok(Operator {
        id: ObjectId::routine(
            ObjectKind::Operator,
            &name.schema,
            &name.name,
            vec![left.as_deref().unwrap_or("NONE").to_string(), right.clone()],
        ),
        name,
        left,
        right,
        commutator,
        negator,
        definition: Expr {
            key: sql.clone(),
            sql,
            refs,
        },
        comment: None,
    })
}

/// Makes commutator and negator links two-way, as PostgreSQL does when it creates an
/// operator whose commutator (negator) exists and has none: `finish` of a file's schema.
pub fn link_operators(operators: &mut std::collections::BTreeMap<ObjectId, Operator>) -> R<()> {
    let mut links = Vec::new();
    for o in operators.values() {
        if let Some(c) = &o.commutator {
            let args = vec![o.right.clone(), o.left.clone().unwrap_or("NONE".into())];
            let target = ObjectId::routine(ObjectKind::Operator, &c.schema, &c.name, args);
            links.push((target, "COMMUTATOR", o.name.clone()));
        }
        if let Some(n) = &o.negator {
            let args = vec![o.left.clone().unwrap_or("NONE".into()), o.right.clone()];
            let target = ObjectId::routine(ObjectKind::Operator, &n.schema, &n.name, args);
            links.push((target, "NEGATOR", o.name.clone()));
        }
    }
    for (target, what, to) in links {
        let Some(t) = operators.get(&target) else {
            continue;
        };
        let set = if what == "COMMUTATOR" {
            &t.commutator
        } else {
            &t.negator
        };
        if set.is_some() {
            continue;
        }
        let sql = format!(
            "{}, {what} = {})",
            t.definition
                .sql
                .strip_suffix(')')
                .unwrap_or(&t.definition.sql),
            operator_text(&to)
        );
        let parsed = crate::load::parse_sql("<operator>", &sql).map_err(|e| e.to_string())?;
        let Some(N::DefineStmt(s)) = parsed
            .stmts
            .first()
            .and_then(|s| s.stmt.as_ref())
            .and_then(|s| s.node.as_ref())
        else {
            return Err(format!("cannot read back {sql}"));
        };
        let linked = operator(s, &Qualified)?;
        let comment = t.comment.clone();
        operators.insert(target, Operator { comment, ..linked });
    }
    Ok(())
}

/// The resolver of fully qualified text (the catalog's, or a definition built here): names
/// are all qualified; types are read as they are printed.
pub struct Qualified;

impl Resolver for Qualified {
    fn schema_of(&self, _: Kind, _: &str) -> String {
        "pg_catalog".to_string()
    }
    fn type_of(&self, t: &pb::TypeName) -> R<CanonicalType> {
        crate::normalize::canonical_type(t, "public")
    }
    fn creation_schema(&self) -> String {
        "public".to_string()
    }
}
