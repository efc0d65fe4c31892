//! The identity and canonical definition of an operator, rebuilt from `CREATE OPERATOR`'s
//! options (read through [`crate::define`]), and the commutator and negator links a file's
//! operators make to each other.

use crate::define::{
    definition, flag, function_ref, object_name, operator_ref, operator_text, type_ref,
};
use crate::define::{Kind, Ranked, Resolver, R};
use crate::normalize::{def_elems, strings};
use crate::quote::quote_ident;
use migrator_core::identity::{ObjectId, ObjectKind};
use migrator_core::schema::Operator;
use pg_query::protobuf::{self as pb, node::Node as N};

/// Builds an [`Operator`] from `CREATE OPERATOR`.
pub fn operator(s: &pb::DefineStmt, r: &dyn Resolver) -> R<Operator> {
    let name = object_name(&strings(&s.defnames), r, None)?;
    let mut refs = Vec::new();
    let (mut left, mut right) = (None, None);
    let (mut commutator, mut negator) = (None, None);
    let mut options = Ranked::new(&[
        "function",
        "commutator",
        "negator",
        "restrict",
        "join",
        "hashes",
        "merges",
    ]);
    for d in def_elems(&s.definition) {
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
        if let Some(value) = value {
            options.set(&key, value);
        }
    }
    if !options.has("function") {
        return Err(format!("operator {name}: FUNCTION is missing"));
    }
    let right = right.ok_or_else(|| {
        format!("operator {name}: RIGHTARG is missing (postfix operators do not exist since PostgreSQL 14)")
    })?;
    let mut parts = Vec::new();
    if let Some(l) = &left {
        parts.push(format!("LEFTARG = {l}"));
    }
    parts.push(format!("RIGHTARG = {right}"));
    parts.extend(options.texts());
    let sql = format!(
        "CREATE OPERATOR {}.{} ({})",
        quote_ident(&name.schema),
        name.name,
        parts.join(", ")
    );
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
        definition: definition(sql, refs),
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
        let linked = operator(s, &crate::define::Qualified)?;
        let comment = t.comment.clone();
        operators.insert(target, Operator { comment, ..linked });
    }
    Ok(())
}
