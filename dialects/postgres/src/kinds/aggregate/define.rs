//! The identity and canonical definition of an aggregate, rebuilt from `CREATE AGGREGATE`'s
//! options (read through [`crate::define`]). The old syntax (`BASETYPE = …`) is read as the
//! new one.
//!
//! Not supported (explicit errors): ordered-set and hypothetical-set aggregates.

use crate::define::{
    definition, flag, function_ref, object_name, operator_ref, operator_text, type_ref,
};
use crate::define::{words, Kind, Ranked, Resolver, R};
use crate::normalize::{const_text, def_elems, function_parameters, strings};
use crate::quote::quote_ident;
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::render::quote_literal;
use migrator_core::schema::{Aggregate, QualifiedName};
use pg_query::protobuf::{self as pb, node::Node as N, FunctionParameterMode as Mode};

/// The options of `CREATE AGGREGATE`, in the order the definition prints them.
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

/// An aggregate's arguments: `None` is `*`; `text` as the definition prints them
/// (`VARIADIC name type`), `signature` their types, which identify the aggregate.
struct Args {
    text: Option<Vec<String>>,
    signature: Vec<String>,
}

/// Builds an [`Aggregate`] from `CREATE AGGREGATE`.
pub fn aggregate(s: &pb::DefineStmt, r: &dyn Resolver) -> R<Aggregate> {
    let name = object_name(&strings(&s.defnames), r, None)?;
    let mut refs = Vec::new();
    let mut args = arguments(s, r, &name, &mut refs)?;
    let mut options = Ranked::new(ORDER);
    for d in def_elems(&s.definition) {
        let arg = d.arg.as_deref();
        let key = d.defname.to_lowercase();
        let key = match key.as_str() {
            "sfunc1" => "sfunc".to_string(),
            "stype1" => "stype".to_string(),
            "initcond1" => "initcond".to_string(),
            _ => key,
        };
        if key == "basetype" {
            args = base_type(arg, r, &mut refs)?;
        } else if let Some(value) = option(&key, arg, r, &name, &mut refs)? {
            options.set(&key, value);
        }
    }
    let args_text = match &args.text {
        None => "*".to_string(),
        Some(a) => a.join(", "),
    };
    let id_args = match &args.text {
        None => vec!["*".to_string()],
        Some(_) => args.signature.clone(),
    };
    let sql = format!(
        "CREATE AGGREGATE {}.{}({args_text}) ({})",
        quote_ident(&name.schema),
        quote_ident(&name.name),
        options.texts().join(", ")
    );
    Ok(Aggregate {
        id: ObjectId::routine(ObjectKind::Aggregate, &name.schema, &name.name, id_args),
        name,
        definition: definition(sql, refs),
        comment: None,
    })
}

/// The arguments of the new syntax, `(type, …)`; the old syntax gives them in `BASETYPE`.
fn arguments(
    s: &pb::DefineStmt,
    r: &dyn Resolver,
    name: &QualifiedName,
    refs: &mut Vec<QualifiedName>,
) -> R<Args> {
    let mut args = Args {
        text: None,
        signature: Vec::new(),
    };
    if s.oldstyle {
        return Ok(args);
    }
    if let Some(Some(N::Integer(i))) = s.args.get(1).map(|a| &a.node) {
        if i.ival >= 0 {
            return Err(format!(
                "aggregate {name}: ordered-set aggregates (WITHIN GROUP) are not supported yet"
            ));
        }
    }
    if let Some(Some(N::List(l))) = s.args.first().map(|a| &a.node) {
        let mut list = Vec::new();
        for fp in function_parameters(&l.items) {
            let t = fp
                .arg_type
                .as_ref()
                .ok_or_else(|| format!("aggregate {name}: an argument has no type"))?;
            let ct = r.type_of(t)?;
            refs.extend(ct.user_type.clone());
            args.signature.push(ct.text.clone());
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
        args.text = Some(list);
    }
    Ok(args)
}

/// The arguments the old syntax's `BASETYPE` gives (`ANY` is `*`).
fn base_type(arg: Option<&pb::Node>, r: &dyn Resolver, refs: &mut Vec<QualifiedName>) -> R<Args> {
    let any = match arg.and_then(|a| a.node.as_ref()) {
        Some(N::TypeName(t)) => strings(&t.names) == ["any"],
        Some(N::String(x)) => x.sval.eq_ignore_ascii_case("any"),
        _ => false,
    };
    if any {
        return Ok(Args {
            text: None,
            signature: Vec::new(),
        });
    }
    let t = type_ref(arg, r, refs)?;
    Ok(Args {
        text: Some(vec![t.clone()]),
        signature: vec![t],
    })
}

/// One option's canonical value; `None` when it is PostgreSQL's default.
fn option(
    key: &str,
    arg: Option<&pb::Node>,
    r: &dyn Resolver,
    name: &QualifiedName,
    refs: &mut Vec<QualifiedName>,
) -> R<Option<String>> {
    Ok(match key {
        "hypothetical" => {
            return Err(format!(
                "aggregate {name}: hypothetical-set aggregates are not supported yet"
            ))
        }
        "sfunc" | "finalfunc" | "combinefunc" | "serialfunc" | "deserialfunc" | "msfunc"
        | "minvfunc" | "mfinalfunc" => Some(function_ref(arg, r, refs)?),
        "stype" | "mstype" => Some(type_ref(arg, r, refs)?),
        "sspace" | "msspace" => Some(words(arg)).filter(|v| v != "0"),
        "finalfunc_extra" | "mfinalfunc_extra" => flag(arg).then(String::new),
        "finalfunc_modify" | "mfinalfunc_modify" => {
            Some(words(arg).to_uppercase()).filter(|v| v != "READ_ONLY")
        }
        "initcond" | "minitcond" => Some(quote_literal(&arg.map(const_text).unwrap_or_default())),
        "sortop" => Some(operator_text(&operator_ref(arg, r, Kind::SortOperator)?)),
        "parallel" => Some(words(arg).to_uppercase()).filter(|v| v != "UNSAFE"),
        other => {
            return Err(format!(
                "aggregate {name}: the option {} is not supported",
                other.to_uppercase()
            ))
        }
    })
}
