//! Typed identity: [`ObjectId`] names any object the IR holds, by its kind, its schema, its
//! name and, where the kind has one, its signature or its parent table.
//!
//! It exists so that no identity is encoded in a string: a function is `f` with the argument
//! types `[integer, text]`, not the name `"f(integer, text)"`; a policy is `p` on the table
//! `t`, not `"t.p"`. The planner's [`ObjRef`](crate::change::ObjRef) and the schema maps of
//! the kinds that were so encoded are keyed by it.
//!
//! Compatibility: the JSON snapshot format is unchanged. An id is written as the
//! `{schema, name}` pair it used to be (`name` being `f(integer, text)` or `t.p`, see
//! [`ObjectId::encode`]) and read back through the `#[serde(with)]` module of its kind
//! ([`as_function`], …), which knows the kind the JSON does not say. Ordering compares
//! that encoded name, so maps iterate, and output is listed, as before.

use crate::schema::QualifiedName;
use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

pub use crate::kinds::{IdShape, ObjectKind};

/// The identity of one object: kind, schema and name, plus a signature (argument types of
/// a function, aggregate or operator) or a parent (the table of a trigger, policy,
/// constraint or column) where the kind has one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ObjectId {
    pub kind: ObjectKind,
    /// The schema; empty for schemas, extensions and dialect objects.
    pub schema: String,
    pub name: String,
    /// Argument types: `*` alone for an aggregate over rows, `NONE` for an operator's
    /// missing side.
    pub signature: Option<Vec<String>>,
    /// The table (in `schema`) a trigger, policy, constraint or column belongs to.
    pub parent: Option<String>,
    /// An ordered-set (or hypothetical-set) aggregate: how many of `signature` are direct
    /// arguments, the rest being the aggregated ones (`name(direct ORDER BY aggregated)`).
    /// As many as the signature has: the last, `VARIADIC`, is both (PostgreSQL stores it
    /// once; `name(VARIADIC "any" ORDER BY VARIADIC "any")`).
    pub direct_args: Option<usize>,
}

impl ObjectId {
    /// An object identified by kind, schema and name alone.
    pub fn named(kind: ObjectKind, schema: impl Into<String>, name: impl Into<String>) -> Self {
        ObjectId {
            kind,
            schema: schema.into(),
            name: name.into(),
            signature: None,
            parent: None,
            direct_args: None,
        }
    }

    /// A schema (namespace).
    pub fn schema(name: impl Into<String>) -> Self {
        Self::named(ObjectKind::Schema, "", name)
    }

    /// An extension.
    pub fn extension(name: impl Into<String>) -> Self {
        Self::named(ObjectKind::Extension, "", name)
    }

    /// A function, aggregate or operator `name` in `schema` over `signature`.
    pub fn routine(kind: ObjectKind, schema: &str, name: &str, signature: Vec<String>) -> Self {
        ObjectId {
            signature: Some(signature),
            ..Self::named(kind, schema, name)
        }
    }

    /// An ordered-set aggregate `name` in `schema` over `signature` (all its argument types,
    /// as PostgreSQL stores them), the first `direct` of which are direct arguments.
    pub fn ordered_set(schema: &str, name: &str, signature: Vec<String>, direct: usize) -> Self {
        ObjectId {
            direct_args: Some(direct),
            ..Self::routine(ObjectKind::Aggregate, schema, name, signature)
        }
    }

    /// The argument list as `DROP`/`COMMENT ON` write it, without the parentheses:
    /// `a, b`, or `a ORDER BY b` for an ordered-set aggregate.
    pub fn signature_text(&self) -> String {
        self.signature_parts().collect()
    }

    /// The pieces of [`ObjectId::signature_text`], in order, without allocating.
    fn signature_parts(&self) -> impl Iterator<Item = &str> {
        let direct = self.direct_args;
        let len = self.signature.as_ref().map_or(0, Vec::len);
        self.signature
            .iter()
            .flatten()
            .enumerate()
            .flat_map(move |(i, a)| {
                let separator = match (i, direct == Some(i)) {
                    (0, true) => "ORDER BY ",
                    (0, false) => "",
                    (_, true) => " ORDER BY ",
                    (_, false) => ", ",
                };
                // The VARIADIC argument that is both direct and aggregated is written twice.
                let shared = direct == Some(len) && i + 1 == len;
                let (variadic, again, repeated) = match shared {
                    true => ("VARIADIC ", " ORDER BY VARIADIC ", a.as_str()),
                    false => ("", "", ""),
                };
                [separator, variadic, a.as_str(), again, repeated]
            })
    }

    /// A trigger, policy, constraint or column `name` of `table`.
    pub fn member(kind: ObjectKind, table: &QualifiedName, name: impl Into<String>) -> Self {
        ObjectId {
            parent: Some(table.name.clone()),
            ..Self::named(kind, table.schema.clone(), name)
        }
    }

    /// A dialect-defined object of kind `kind`, by its name within the kind.
    pub fn dialect(kind: impl Into<String>, name: impl Into<String>) -> Self {
        Self::named(ObjectKind::Dialect(kind.into()), "", name)
    }

    /// The table a member (trigger, policy, constraint, column) belongs to.
    pub fn table(&self) -> Option<QualifiedName> {
        let parent = self.parent.as_ref()?;
        Some(QualifiedName::new(self.schema.clone(), parent.clone()))
    }

    /// The name part as it used to be spelled: `name(arg, arg)` with a signature,
    /// `table.name` with a parent, else the name. Pieces of it, in order, without allocating.
    fn encoded_parts(&self) -> impl Iterator<Item = &str> {
        let parent = self
            .parent
            .iter()
            .flat_map(|p| [p.as_str(), "."].into_iter());
        let args = self.signature.iter().flat_map(|_| {
            std::iter::once("(")
                .chain(self.signature_parts())
                .chain(std::iter::once(")"))
        });
        parent
            .chain(std::iter::once(self.name.as_str()))
            .chain(args)
    }

    /// The id as the `{schema, name}` pair the JSON format uses: the encoded name in its
    /// schema; a dialect object's kind in `schema`.
    pub fn encode(&self) -> QualifiedName {
        let schema = match &self.kind {
            ObjectKind::Dialect(kind) => kind.clone(),
            _ => self.schema.clone(),
        };
        QualifiedName::new(schema, self.encoded_parts().collect::<String>())
    }

    /// The id of kind `kind` that [`ObjectId::encode`] wrote as `q` (for a dialect object,
    /// `q.schema` is the kind and `kind` is not read).
    pub fn decode(kind: ObjectKind, q: QualifiedName) -> Self {
        match kind.shape() {
            IdShape::Routine => match split_signature(&q.name) {
                Some((name, args)) => match ordered_set_args(&kind, &args) {
                    Some((all, direct)) => Self::ordered_set(&q.schema, name, all, direct),
                    None => Self::routine(kind, &q.schema, name, args),
                },
                None => Self::named(kind, q.schema, q.name),
            },
            IdShape::Member => match q.name.split_once('.') {
                Some((table, name)) => ObjectId {
                    parent: Some(table.to_string()),
                    ..Self::named(kind, q.schema.clone(), name)
                },
                None => Self::named(kind, q.schema, q.name),
            },
            IdShape::Dialect => Self::dialect(q.schema, q.name),
            IdShape::Global => Self::named(kind, "", q.name),
            IdShape::InSchema => Self::named(kind, q.schema, q.name),
        }
    }
}

/// `name(a, b)` → `("name", ["a", "b"])`: the signature is the parenthesised list that ends
/// the text; commas inside parentheses or double quotes do not split it.
fn split_signature(text: &str) -> Option<(&str, Vec<String>)> {
    let inner_end = text.strip_suffix(')')?.len();
    let (mut depth, mut quoted, mut open) = (0usize, false, None);
    for (i, c) in text[..inner_end].char_indices().rev() {
        match c {
            '"' => quoted = !quoted,
            ')' if !quoted => depth += 1,
            '(' if !quoted && depth == 0 => {
                open = Some(i);
                break;
            }
            '(' if !quoted => depth -= 1,
            _ => {}
        }
    }
    let open = open?;
    let inner = &text[open + 1..inner_end];
    let mut args = Vec::new();
    let (mut depth, mut quoted, mut start) = (0usize, false, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            ',' if !quoted && depth == 0 => {
                args.push(inner[start..i].trim_start().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !inner.is_empty() {
        args.push(inner[start..].trim_start().to_string());
    }
    Some((&text[..open], args))
}

/// The arguments of an ordered-set aggregate's encoded signature (`a, b ORDER BY c`, split
/// at the commas) as all its argument types and how many are direct; `None` without
/// `ORDER BY`. `VARIADIC x ORDER BY VARIADIC x` is the one argument `x`, direct.
fn ordered_set_args(kind: &ObjectKind, args: &[String]) -> Option<(Vec<String>, usize)> {
    if *kind != ObjectKind::Aggregate {
        return None;
    }
    let (at, arg) = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| Some((i, order_by_split(a)?)))?;
    let (before, after) = arg;
    let mut all: Vec<String> = args[..at].to_vec();
    all.extend(before.map(str::to_string));
    let direct = all.len();
    let variadic = |t: &str| t.strip_prefix("VARIADIC ").map(str::to_string);
    let shared = args.len() == at + 1
        && all
            .last()
            .and_then(|d| variadic(d))
            .is_some_and(|d| variadic(after) == Some(d));
    if shared {
        let last = all.pop().and_then(|d| variadic(&d)).unwrap_or_default();
        all.push(last);
        return Some((all, direct));
    }
    all.push(after.to_string());
    all.extend(args[at + 1..].iter().cloned());
    Some((all, direct))
}

/// `a ORDER BY b` → `(Some("a"), "b")`, `ORDER BY b` → `(None, "b")`, outside double
/// quotes; `None` without `ORDER BY`.
fn order_by_split(arg: &str) -> Option<(Option<&str>, &str)> {
    if let Some(rest) = arg.strip_prefix("ORDER BY ") {
        return Some((None, rest));
    }
    let mut quoted = false;
    for (i, c) in arg.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted && arg[i..].starts_with(" ORDER BY ") => {
                return Some((Some(&arg[..i]), &arg[i + " ORDER BY ".len()..]));
            }
            _ => {}
        }
    }
    None
}

/// Kind, then schema, then the encoded name byte by byte (so maps iterate as they did when
/// keyed by the encoded name), then the parts, to stay consistent with `Eq`.
impl Ord for ObjectId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.kind
            .cmp(&other.kind)
            .then_with(|| self.schema.cmp(&other.schema))
            .then_with(|| {
                let a = self.encoded_parts().flat_map(str::bytes);
                let b = other.encoded_parts().flat_map(str::bytes);
                a.cmp(b)
            })
            .then_with(|| {
                (&self.name, &self.signature, &self.parent, self.direct_args).cmp(&(
                    &other.name,
                    &other.signature,
                    &other.parent,
                    other.direct_args,
                ))
            })
    }
}

impl PartialOrd for ObjectId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The form messages use: `schema.name(arg, arg)`, `schema.table.name`, `kind.name` for a
/// dialect object, the bare name for a schema or an extension.
impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ObjectKind::Schema | ObjectKind::Extension => f.write_str(&self.name),
            _ => self.encode().fmt(f),
        }
    }
}

/// Written as the `{schema, name}` pair of [`ObjectId::encode`].
impl Serialize for ObjectId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.encode().serialize(s)
    }
}

/// `#[serde(with)]` modules that read an id of one kind back from its `{schema, name}` pair.
macro_rules! serde_as {
    ($($module:ident: $kind:ident),* $(,)?) => {$(
        #[doc = concat!("Serde for the id of a `", stringify!($kind), "`: `#[serde(with)]`.")]
        pub mod $module {
            use $crate::identity::{ObjectId, ObjectKind};
            use $crate::schema::QualifiedName;
            use serde::{Deserialize, Deserializer, Serialize, Serializer};

            pub fn serialize<S: Serializer>(id: &ObjectId, s: S) -> Result<S::Ok, S::Error> {
                id.serialize(s)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ObjectId, D::Error> {
                let q = QualifiedName::deserialize(d)?;
                Ok(ObjectId::decode(ObjectKind::$kind, q))
            }
        }
    )*};
}

pub(crate) use serde_as;

serde_as!(
    as_function: Function,
    as_aggregate: Aggregate,
    as_operator: Operator,
);

/// Serde for a dialect object's id: `#[serde(with)]`; the kind is the pair's `schema`.
pub mod as_dialect {
    use super::{ObjectId, ObjectKind, QualifiedName};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(id: &ObjectId, s: S) -> Result<S::Ok, S::Error> {
        id.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ObjectId, D::Error> {
        let q = QualifiedName::deserialize(d)?;
        Ok(ObjectId::decode(ObjectKind::Dialect(String::new()), q))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeSet;

    fn f(name: &str, args: &[&str]) -> ObjectId {
        let args = args.iter().map(|a| a.to_string()).collect();
        ObjectId::routine(ObjectKind::Function, "public", name, args)
    }

    #[test]
    fn display_is_the_form_messages_used() {
        assert_eq!(
            f("f", &["integer", "text"]).to_string(),
            "public.f(integer, text)"
        );
        assert_eq!(f("g", &[]).to_string(), "public.g()");
        let t = QualifiedName::new("app", "t");
        let p = ObjectId::member(ObjectKind::Policy, &t, "mine");
        assert_eq!(p.to_string(), "app.t.mine");
        assert_eq!(p.table(), Some(t));
        assert_eq!(
            ObjectId::dialect("hypertable", "public.m").to_string(),
            "hypertable.public.m"
        );
        assert_eq!(ObjectId::schema("app").to_string(), "app");
    }

    #[test]
    fn an_id_round_trips_through_json_as_the_old_pair() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Holder {
            #[serde(with = "as_function")]
            id: ObjectId,
        }
        let ids = [
            f("f", &["integer", "text"]),
            f("g", &[]),
            f(
                "h",
                &["numeric(10,2)", "\"odd, (type\"", "character varying"],
            ),
            f("agg", &["*"]),
        ];
        for id in ids {
            let json = serde_json::to_value(Holder { id: id.clone() }).unwrap();
            assert_eq!(json["id"]["name"], serde_json::json!(id.encode().name));
            let back: Holder = serde_json::from_value(json).unwrap();
            assert_eq!(back.id, id);
        }
        let json = serde_json::json!({ "schema": "public", "name": "t.mine" });
        let p = ObjectId::decode(ObjectKind::Policy, serde_json::from_value(json).unwrap());
        let t = QualifiedName::new("public", "t");
        assert_eq!(p, ObjectId::member(ObjectKind::Policy, &t, "mine"));
    }

    #[test]
    fn an_ordered_set_aggregate_id_round_trips_through_json() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Holder {
            #[serde(with = "as_aggregate")]
            id: ObjectId,
        }
        let ids = [
            (
                ObjectId::ordered_set("s", "pct", vec!["double precision".into(); 2], 1),
                "pct(double precision ORDER BY double precision)",
            ),
            (
                ObjectId::ordered_set("s", "mode", vec!["anyelement".into()], 0),
                "mode(ORDER BY anyelement)",
            ),
            (
                ObjectId::ordered_set("s", "rnk", vec!["\"any\"".into()], 1),
                "rnk(VARIADIC \"any\" ORDER BY VARIADIC \"any\")",
            ),
            (
                ObjectId::ordered_set(
                    "s",
                    "two",
                    vec!["integer".into(), "text".into(), "\"a ORDER BY b\"".into()],
                    2,
                ),
                "two(integer, text ORDER BY \"a ORDER BY b\")",
            ),
        ];
        for (id, text) in ids {
            assert_eq!(id.encode().name, text);
            let json = serde_json::to_value(Holder { id: id.clone() }).unwrap();
            let back: Holder = serde_json::from_value(json).unwrap();
            assert_eq!(back.id, id);
        }
    }

    #[test]
    fn ids_order_as_their_encoded_names_did() {
        let ids = [
            f("f", &["character"]),
            f("f", &["character varying"]),
            f("f", &["integer"]),
            f("f", &["integer", "text"]),
            f("f$x", &[]),
            f("f2", &[]),
        ];
        let by_id: Vec<String> = ids
            .iter()
            .collect::<BTreeSet<_>>()
            .iter()
            .map(|i| i.to_string())
            .collect();
        let mut by_text: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        by_text.sort();
        assert_eq!(by_id, by_text);
        assert!(
            ObjectId::schema("z") < ObjectId::extension("a"),
            "kind first"
        );
    }
}
