//! Canonical type names: a type as a file spells it and as the catalog's `format_type`
//! prints it come out as the same text (`int4` → `integer`, `varchar(10)` →
//! `character varying(10)`), with the user type it names for ordering.

use super::{const_text, deparse_expr, first_target, strings};
use crate::quote::quote_ident;
use migrator_core::schema::QualifiedName;
use pg_query::protobuf::{self as pb, node::Node as N};

/// The canonical text of a type name, as `format_type` prints it, and the user type it
/// names (if it is not built in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalType {
    pub text: String,
    pub user_type: Option<QualifiedName>,
}

/// Serial pseudo-types and the integer type they expand to.
pub fn serial_base(t: &pb::TypeName) -> Option<&'static str> {
    if !t.array_bounds.is_empty() {
        return None;
    }
    let names = strings(&t.names);
    let (schema, name) = match names.as_slice() {
        [n] => (None, n.as_str()),
        [s, n] => (Some(s.as_str()), n.as_str()),
        _ => return None,
    };
    if schema.is_some_and(|s| s != "pg_catalog") {
        return None;
    }
    match name {
        "serial" | "serial4" => Some("integer"),
        "bigserial" | "serial8" => Some("bigint"),
        "smallserial" | "serial2" => Some("smallint"),
        _ => None,
    }
}

/// Canonicalises a parsed type name; `default_schema` qualifies unqualified user types.
pub fn canonical_type(t: &pb::TypeName, default_schema: &str) -> Result<CanonicalType, String> {
    let names = strings(&t.names);
    let (schema, name) = match names.as_slice() {
        [n] => (None, n.clone()),
        [s, n] => (Some(s.clone()), n.clone()),
        [_, s, n] => (Some(s.clone()), n.clone()),
        _ => return Err("empty type name".into()),
    };
    let mods = t
        .typmods
        .iter()
        .map(typmod_text)
        .collect::<Result<Vec<String>, String>>()?;
    let in_catalog = schema.as_deref().is_none_or(|s| s == "pg_catalog");
    let builtin = if in_catalog {
        builtin_type(&name, &mods)
    } else {
        None
    };
    // `pg_catalog` comes first on every search path: its other types (`trigger`, `void`,
    // `record`, `regrole`) are never a user type of the default schema.
    let catalog_type = in_catalog && crate::check::known::BUILTIN_TYPES.contains(&name.as_str());
    let (text, user_type) = match builtin {
        Some(text) => (text, None),
        None if catalog_type => (with_mods(&crate::quote::quote_ident(&name), &mods), None),
        None if schema.as_deref() == Some("pg_catalog") => (with_mods(&name, &mods), None),
        None => {
            let q = QualifiedName::new(schema.unwrap_or_else(|| default_schema.to_string()), name);
            (with_mods(&user_type_text(&q), &mods), Some(q))
        }
    };
    let text = if t.array_bounds.is_empty() {
        text
    } else {
        format!("{text}[]")
    };
    Ok(CanonicalType { text, user_type })
}

/// One type modifier as canonical text. PostgreSQL accepts constants and bare identifiers
/// (`geometry(Point, 4326)`) and hands both to the type's `typmodin` as strings
/// (`typenameTypeMod` in parse_type.c): an identifier goes as the parser folded it, so it is
/// printed back quoted only when folding would change it. A file's `Point` and the
/// catalog's `format_type` text `geometry(Point,4326)` then both read `geometry(point,4326)`.
fn typmod_text(m: &pb::Node) -> Result<String, String> {
    match &m.node {
        Some(N::AConst(_)) => Ok(const_text(m)),
        Some(N::ColumnRef(c)) => match strings(&c.fields).as_slice() {
            [ident] if c.fields.len() == 1 => Ok(quote_ident(ident)),
            _ => Err(typmod_error(m)),
        },
        _ => Err(typmod_error(m)),
    }
}

fn typmod_error(m: &pb::Node) -> String {
    format!(
        "type modifiers must be constants or simple identifiers, not `{}`",
        deparse_expr(m).unwrap_or_default()
    )
}

/// Parses a type name written as SQL text (e.g. what `format_type` printed).
pub fn canonical_type_text(text: &str, default_schema: &str) -> Result<CanonicalType, String> {
    let parsed = pg_query::parse(&format!("SELECT NULL::{text}"), 0).map_err(|e| e.to_string())?;
    let cast = first_target(&parsed.protobuf)
        .and_then(|n| match n {
            N::TypeCast(c) => c.type_name.clone(),
            _ => None,
        })
        .ok_or_else(|| format!("not a type name: {text}"))?;
    canonical_type(&cast, default_schema)
}

/// The canonical text of a user type: qualified unless it lives in `public`.
pub fn user_type_text(q: &QualifiedName) -> String {
    if q.schema == "public" {
        quote_ident(&q.name)
    } else {
        format!("{}.{}", quote_ident(&q.schema), quote_ident(&q.name))
    }
}

fn with_mods(name: &str, mods: &[String]) -> String {
    if mods.is_empty() {
        name.to_string()
    } else {
        format!("{name}({})", mods.join(","))
    }
}

/// `format_type`'s spelling of a built-in type, or `None` when `name` is not one.
fn builtin_type(name: &str, mods: &[String]) -> Option<String> {
    let m = |base: &str| with_mods(base, mods);
    let zoned = |base: &str, zone: &str| match mods.first() {
        Some(p) => format!("{base}({p}) {zone}"),
        None => format!("{base} {zone}"),
    };
    Some(match name {
        "int2" | "smallint" => "smallint".into(),
        "int4" | "int" | "integer" => "integer".into(),
        "int8" | "bigint" => "bigint".into(),
        "float4" | "real" => "real".into(),
        "float8" => "double precision".into(),
        "bool" | "boolean" => "boolean".into(),
        "varchar" => m("character varying"),
        "bpchar" => m("character"),
        "numeric" | "decimal" => match mods {
            [p] => format!("numeric({p},0)"),
            _ => m("numeric"),
        },
        "timestamp" => zoned("timestamp", "without time zone"),
        "timestamptz" => zoned("timestamp", "with time zone"),
        "time" => zoned("time", "without time zone"),
        "timetz" => zoned("time", "with time zone"),
        "varbit" => m("bit varying"),
        "bit" => m("bit"),
        "interval" => super::interval::interval_type(mods)?,
        "text" | "bytea" | "date" | "json" | "jsonb" | "uuid" | "xml" | "money" | "inet"
        | "cidr" | "macaddr" | "macaddr8" | "tsvector" | "tsquery" | "oid" | "regclass"
        | "point" | "line" | "lseg" | "box" | "path" | "polygon" | "circle" | "name"
        | "int4range" | "int8range" | "numrange" | "tsrange" | "tstzrange" | "daterange"
        | "int4multirange" | "int8multirange" | "nummultirange" | "tsmultirange"
        | "tstzmultirange" | "datemultirange" | "pg_lsn" | "txid_snapshot" | "pg_snapshot"
        | "jsonpath" | "regtype" | "regproc" => m(name),
        // The one-byte internal type; a bare `char` parses as `bpchar` instead.
        "char" => "\"char\"".into(),
        _ => return None,
    })
}
