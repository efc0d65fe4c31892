//! The identity and canonical definition of an aggregate, rebuilt from `CREATE AGGREGATE`'s
//! options (read through [`crate::define`]). The old syntax (`BASETYPE = …`) is read as the
//! new one.
//!
//! Ordered-set aggregates (`name(direct ORDER BY aggregated)`, called with `WITHIN GROUP`)
//! and hypothetical-set ones (`HYPOTHETICAL`) are identified as PostgreSQL stores them:
//! all argument types, the shared `VARIADIC` one of `(VARIADIC "any" ORDER BY VARIADIC
//! "any")` once, with the number of direct ones ([`ObjectId::ordered_set`]).

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
    "hypothetical",
];

/// An aggregate's arguments: `None` is `*`; `text` as the definition prints them
/// (`VARIADIC name type`), `signature` their types, which identify the aggregate.
/// `direct`: an ordered-set aggregate's number of direct arguments (the others follow
/// `ORDER BY`; all of them when the last is `VARIADIC` and shared).
struct Args {
    text: Option<Vec<String>>,
    signature: Vec<String>,
    direct: Option<usize>,
}

impl Args {
    /// The argument list as the definition prints it, without the parentheses.
    fn text(&self) -> String {
        let Some(text) = &self.text else {
            return "*".to_string();
        };
        let Some(direct) = self.direct else {
            return text.join(", ");
        };
        let (before, after) = text.split_at(direct.min(text.len()));
        // The shared VARIADIC argument is written on both sides, as PostgreSQL prints it.
        let after = match after.is_empty() {
            true => before.last().map(std::slice::from_ref).unwrap_or_default(),
            false => after,
        };
        let order_by = format!("ORDER BY {}", after.join(", "));
        match before.is_empty() {
            true => order_by,
            false => format!("{} {order_by}", before.join(", ")),
        }
    }

    /// The aggregate's key.
    fn id(&self, name: &QualifiedName) -> ObjectId {
        let (schema, name) = (&name.schema, &name.name);
        match (&self.text, self.direct) {
            (None, _) => ObjectId::routine(ObjectKind::Aggregate, schema, name, vec!["*".into()]),
            (Some(_), None) => {
                ObjectId::routine(ObjectKind::Aggregate, schema, name, self.signature.clone())
            }
            (Some(_), Some(n)) => ObjectId::ordered_set(schema, name, self.signature.clone(), n),
        }
    }
}

/// Builds an [`Aggregate`] from `CREATE AGGREGATE`.
pub fn aggregate(s: &pb::DefineStmt, r: &dyn Resolver) -> R<Aggregate> {
    let name = object_name(&strings(&s.defnames), r, None)?;
    let mut refs = Vec::new();
    let mut args = arguments(s, r, &name, &mut refs)?;
    let mut options = Ranked::new(ORDER);
    let ordered = args.direct.is_some();
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
    if args.direct.is_some() != ordered {
        return Err(format!(
            "aggregate {name}: BASETYPE cannot be used with an ordered-set aggregate"
        ));
    }
    if options.has("hypothetical") && !ordered {
        return Err(format!(
            "aggregate {name}: only ordered-set aggregates can be HYPOTHETICAL"
        ));
    }
    // FINALFUNC_MODIFY defaults to READ_ONLY, READ_WRITE for an ordered-set aggregate.
    let default_modify = if ordered { "READ_WRITE" } else { "READ_ONLY" };
    for key in ["finalfunc_modify", "mfinalfunc_modify"] {
        if options.value(key).as_deref() == Some(default_modify) {
            options.unset(key);
        }
    }
    let sql = format!(
        "CREATE AGGREGATE {}.{}({}) ({})",
        quote_ident(&name.schema),
        quote_ident(&name.name),
        args.text(),
        options.texts().join(", ")
    );
    Ok(Aggregate {
        id: args.id(&name),
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
        direct: None,
    };
    if s.oldstyle {
        return Ok(args);
    }
    // The number of direct arguments, -1 for a plain aggregate.
    if let Some(Some(N::Integer(i))) = s.args.get(1).map(|a| &a.node) {
        args.direct = usize::try_from(i.ival).ok();
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
            direct: None,
        });
    }
    let t = type_ref(arg, r, refs)?;
    Ok(Args {
        text: Some(vec![t.clone()]),
        signature: vec![t],
        direct: None,
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
        "hypothetical" => flag(arg).then(String::new),
        "sfunc" | "finalfunc" | "combinefunc" | "serialfunc" | "deserialfunc" | "msfunc"
        | "minvfunc" | "mfinalfunc" => Some(function_ref(arg, r, refs)?),
        "stype" | "mstype" => Some(type_ref(arg, r, refs)?),
        "sspace" | "msspace" => Some(words(arg)).filter(|v| v != "0"),
        "finalfunc_extra" | "mfinalfunc_extra" => flag(arg).then(String::new),
        "finalfunc_modify" | "mfinalfunc_modify" => Some(words(arg).to_uppercase()),
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
