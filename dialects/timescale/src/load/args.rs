//! The arguments of TimescaleDB's functions: by name or position, as text, booleans,
//! integers, intervals and age thresholds, the way TimescaleDB reads them.

use super::R;
use crate::interval::Interval;
use crate::objects::Lag;
use migrator_postgres::normalize::{const_text, strings};
use pg_query::protobuf::{self as pb, a_const, node::Node as N, Node};
use std::collections::BTreeMap;

/// A day, in microseconds: TimescaleDB's default chunk interval is seven of them.
pub(super) const DAY_US: i64 = 86_400_000_000;

/// The function a `SELECT f(…)` (possibly `FROM …`) calls, or the one a
/// `SELECT * FROM f(…)` reads (TimescaleDB's documentation writes both).
pub(super) fn select_call(s: &pb::SelectStmt) -> Option<pb::FuncCall> {
    let target = match &s.target_list.first()?.node {
        Some(N::ResTarget(r)) => match r.val.as_deref()?.node.as_ref()? {
            N::FuncCall(f) => Some((**f).clone()),
            _ => None,
        },
        _ => None,
    };
    target.or_else(|| from_function(s))
}

/// The function of `FROM f(…)` when it is all the `FROM` clause reads.
fn from_function(s: &pb::SelectStmt) -> Option<pb::FuncCall> {
    let [from] = s.from_clause.as_slice() else {
        return None;
    };
    let Some(N::RangeFunction(r)) = &from.node else {
        return None;
    };
    let [item] = r.functions.as_slice() else {
        return None;
    };
    let Some(N::List(l)) = &item.node else {
        return None;
    };
    match l.items.first()?.node.as_ref()? {
        N::FuncCall(f) => Some((**f).clone()),
        _ => None,
    }
}

/// The name of the function called, without its schema.
pub(super) fn func_name(f: &pb::FuncCall) -> String {
    strings(&f.funcname).last().cloned().unwrap_or_default()
}

/// Arguments by parameter name, from positional and named (`name => value`) arguments.
pub(super) fn args(f: &pb::FuncCall, params: &[&str]) -> R<BTreeMap<String, Node>> {
    let mut out = BTreeMap::new();
    for (i, a) in f.args.iter().enumerate() {
        match &a.node {
            Some(N::NamedArgExpr(n)) => {
                if let Some(v) = n.arg.as_deref() {
                    out.insert(n.name.clone(), v.clone());
                }
            }
            _ => {
                let p = params
                    .get(i)
                    .ok_or_else(|| format!("{}: too many arguments", func_name(f)))?;
                out.insert(p.to_string(), a.clone());
            }
        }
    }
    Ok(out)
}

/// True for a `NULL` argument.
pub(super) fn is_null(n: &Node) -> bool {
    matches!(&n.node, Some(N::AConst(c)) if c.isnull)
}

/// A string, identifier or cast string argument (`'metrics'`, `'metrics'::regclass`).
pub(super) fn text_arg(n: &Node) -> Option<String> {
    match &n.node {
        Some(N::AConst(c)) if !c.isnull => Some(const_text(n)),
        Some(N::TypeCast(t)) => t.arg.as_deref().and_then(text_arg),
        Some(N::ColumnRef(c)) => Some(strings(&c.fields).join(".")),
        _ => None,
    }
}

/// A boolean argument, in any of the spellings PostgreSQL accepts.
pub(super) fn bool_arg(n: &Node) -> Option<bool> {
    match &n.node {
        Some(N::AConst(pb::AConst {
            val: Some(a_const::Val::Boolval(b)),
            ..
        })) => Some(b.boolval),
        Some(N::TypeCast(t)) => t.arg.as_deref().and_then(bool_arg),
        Some(N::Boolean(b)) => Some(b.boolval),
        _ => match text_arg(n)
            .unwrap_or_else(|| const_text(n))
            .to_ascii_lowercase()
            .as_str()
        {
            "true" | "on" | "t" | "1" | "yes" => Some(true),
            "false" | "off" | "f" | "0" | "no" => Some(false),
            _ => None,
        },
    }
}

/// An integer constant (large ones come from the parser as floats).
pub(super) fn int_arg(n: &Node) -> Option<i64> {
    match &n.node {
        Some(N::AConst(pb::AConst {
            val: Some(a_const::Val::Ival(i)),
            ..
        })) => Some(i64::from(i.ival)),
        Some(N::AConst(pb::AConst {
            val: Some(a_const::Val::Fval(f)),
            ..
        })) => f.fval.parse().ok(),
        Some(N::TypeCast(t)) => match t.arg.as_deref() {
            Some(a) if !is_interval_cast(n) => {
                int_arg(a).or_else(|| text_arg(a).and_then(|s| s.parse().ok()))
            }
            _ => None,
        },
        _ => None,
    }
}

fn is_interval_cast(n: &Node) -> bool {
    matches!(&n.node, Some(N::TypeCast(t)) if t.type_name.as_ref().is_some_and(|t| strings(&t.names).last().map(String::as_str) == Some("interval")))
}

/// An interval argument: `INTERVAL '1 day'`, `'1 day'::interval` or `'1 day'`.
pub(super) fn interval_arg(n: &Node, what: &str) -> R<Interval> {
    let text = text_arg(n).ok_or_else(|| format!("{what}: expected an interval"))?;
    Interval::parse(&text).map_err(|e| format!("{what}: {e}"))
}

/// An age threshold: an integer for integer time columns, else an interval.
pub(super) fn lag_arg(n: &Node, what: &str) -> R<Lag> {
    if let Some(i) = int_arg(n) {
        return Ok(Lag::Integer(i));
    }
    Ok(Lag::Interval(interval_arg(n, what)?.canonical()))
}

/// A chunk interval: microseconds for time columns, a plain number for integer ones.
pub(super) fn chunk_interval(n: Option<&Node>, integer: bool, what: &str) -> R<i64> {
    match n {
        None => {
            if integer {
                Err(format!(
                    "{what}: an integer time column needs an explicit chunk interval"
                ))
            } else {
                Ok(7 * DAY_US)
            }
        }
        Some(n) if is_null(n) => chunk_interval(None, integer, what),
        Some(n) => match int_arg(n) {
            Some(i) => Ok(i),
            None if integer => Err(format!(
                "{what}: an integer time column needs an integer chunk interval"
            )),
            None => {
                let i = interval_arg(n, what)?;
                Ok(i.total_micros())
            }
        },
    }
}

/// The error for the first of `params` given a value: `func` accepts it, migrator does not
/// support it yet.
pub(super) fn refuse(a: &BTreeMap<String, Node>, func: &str, params: &[&str]) -> R<()> {
    match params
        .iter()
        .find(|p| a.get(**p).is_some_and(|v| !is_null(v)))
    {
        Some(p) => Err(format!("{func}: {p} is not supported yet")),
        None => Ok(()),
    }
}

/// True when `f` (`create_hypertable`, `add_dimension`) is called in its newer form, with a
/// dimension builder (`by_range(…)`, `by_hash(…)`) as its second or `dimension` argument.
pub(super) fn with_dimension_builder(f: &pb::FuncCall) -> bool {
    f.args
        .get(1)
        .is_some_and(|a| matches!(a.node, Some(N::FuncCall(_))))
        || f.args
            .iter()
            .any(|a| matches!(&a.node, Some(N::NamedArgExpr(n)) if n.name == "dimension"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call_of(sql: &str) -> Option<String> {
        let parsed = pg_query::parse(sql, 0).expect("parses");
        let stmt = parsed.protobuf.stmts.into_iter().next()?.stmt?.node?;
        let N::SelectStmt(s) = stmt else {
            return None;
        };
        select_call(&s).map(|f| func_name(&f))
    }

    #[test]
    fn a_call_is_read_from_the_select_list_or_from_a_lone_from_function() {
        let c = |s: &str| call_of(s);
        assert_eq!(
            c("SELECT create_hypertable('t', 'ts')").as_deref(),
            Some("create_hypertable")
        );
        assert_eq!(
            c("SELECT * FROM create_hypertable('t', 'ts')").as_deref(),
            Some("create_hypertable")
        );
        assert_eq!(
            c("SELECT hypertable_id FROM public.create_hypertable('t', by_range('ts'))").as_deref(),
            Some("create_hypertable")
        );
        assert_eq!(c("SELECT * FROM timescaledb_information.jobs"), None);
        assert_eq!(c("SELECT * FROM f(), g()"), None);
    }
}
