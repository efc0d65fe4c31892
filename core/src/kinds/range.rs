//! Range types (`CREATE TYPE … AS RANGE`) and the multirange type each one brings: their
//! IR and the `create_range`/`drop_range` changes.
//!
//! A range type is one object with its multirange: PostgreSQL creates and drops the two
//! together, so the multirange's name is a field of the range, not an object of its own.
//! PostgreSQL has no `ALTER TYPE` for a range's options, so any option that changes drops
//! and creates the type; a comment alone changes in place.

use crate::change::{create_drop, no_hazards, Deps, ObjRef};
use crate::kinds::comment::differs_beyond_comment;
use crate::schema::QualifiedName;
use serde::{Deserialize, Serialize};

/// A range type and the options `pg_range` stores for it. Options left out in the file
/// compare equal to what PostgreSQL fills in: the fields are `None` then.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeType {
    pub name: QualifiedName,
    /// `SUBTYPE`, canonical (`double precision`).
    pub subtype: String,
    /// The user type `subtype` names, for ordering.
    pub subtype_ref: Option<QualifiedName>,
    /// `SUBTYPE_OPCLASS`, when it is not a default btree class (printed, qualified unless
    /// in `pg_catalog`).
    pub opclass: Option<String>,
    /// `COLLATION`, when it is not the subtype's own.
    pub collation: Option<String>,
    /// `CANONICAL`: the function, qualified.
    pub canonical: Option<QualifiedName>,
    /// `SUBTYPE_DIFF`: the function, qualified.
    pub subtype_diff: Option<QualifiedName>,
    /// The multirange type (`MULTIRANGE_TYPE_NAME`, or the name PostgreSQL derives).
    pub multirange: QualifiedName,
    pub comment: Option<String>,
}

impl RangeType {
    /// The name PostgreSQL gives the multirange type of a range named `range` when
    /// `MULTIRANGE_TYPE_NAME` is left out (`makeMultirangeTypeName`): the first `range` in
    /// the name becomes `multirange`, else `_multirange` is appended to the name's first 52
    /// bytes; the result is cut at 63 bytes. It lives in the range's schema.
    pub fn derived_multirange(range: &QualifiedName) -> QualifiedName {
        let name = &range.name;
        let full = match name.find("range") {
            Some(i) => format!("{}multi{}", &name[..i], &name[i..]),
            None => format!("{}_multirange", clip(name, 52)),
        };
        QualifiedName::new(range.schema.clone(), clip(&full, 63))
    }

    /// The functions it calls that are not built in.
    fn user_functions(&self) -> impl Iterator<Item = &QualifiedName> {
        let functions = self.canonical.iter().chain(&self.subtype_diff);
        functions.filter(|f| f.schema != "pg_catalog")
    }
}

/// `s` cut to at most `bytes` bytes, at a character boundary.
fn clip(s: &str, bytes: usize) -> &str {
    let mut end = s.len().min(bytes);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn created(r: &RangeType) -> Deps {
    let uses = r.subtype_ref.iter().chain(r.user_functions()).cloned();
    let mut deps = Deps::in_schema(&r.name, uses);
    deps.requires
        .extend(r.collation.as_deref().map(crate::kinds::used_collation));
    // Columns of the multirange type need the range's creation too.
    deps.creates.push(ObjRef::Name(r.multirange.clone()));
    if r.multirange.schema != r.name.schema {
        deps.requires
            .push(ObjRef::schema(r.multirange.schema.clone()));
    }
    deps
}

create_drop! {
    RangeType, deps created, label |r| format!("type_{}", r.name.name),
        diff ranges recreated when differs_beyond_comment;
    /// `CREATE TYPE … AS RANGE`, which creates its multirange type too.
    CreateRange = "create_range", rank 24, hazards no_hazards;
    /// `DROP TYPE` of a range type (and so of its multirange type).
    DropRange = "drop_range", rank 17, hazards no_hazards;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testkit::*;
    use crate::schema::Column;
    use insta::assert_snapshot;

    fn floatrange() -> RangeType {
        RangeType {
            name: qn("floatrange"),
            subtype: "double precision".into(),
            subtype_ref: None,
            opclass: None,
            collation: None,
            canonical: None,
            subtype_diff: Some(QualifiedName::new("pg_catalog", "float8mi")),
            multirange: qn("floatmultirange"),
            comment: None,
        }
    }

    #[test]
    fn the_multirange_name_is_derived_as_postgresql_derives_it() {
        let derived = |n: &str| RangeType::derived_multirange(&qn(n)).name;
        assert_eq!(derived("floatrange"), "floatmultirange");
        assert_eq!(derived("range_of_ranges"), "multirange_of_ranges");
        assert_eq!(derived("span"), "span_multirange");
        // Case-sensitive, as `strstr` is.
        assert_eq!(derived("Range"), "Range_multirange");
        let long = "x".repeat(60);
        assert_eq!(derived(&long), format!("{}_multirange", "x".repeat(52)));
        let long_range = format!("{}range", "y".repeat(55));
        assert_eq!(derived(&long_range).len(), 63);
    }

    #[test]
    fn a_new_range_is_created_and_a_dropped_one_dropped() {
        let current = schema().with(RangeType {
            name: qn("old"),
            multirange: qn("old_multirange"),
            ..floatrange()
        });
        let desired = schema().with(floatrange());
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_changed_option_drops_and_creates_the_range() {
        let current = schema().with(floatrange());
        let desired = schema().with(RangeType {
            subtype_diff: None,
            comment: Some("no diff".into()),
            ..floatrange()
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_comment_alone_is_set_in_place() {
        let current = schema().with(floatrange());
        let desired = schema().with(RangeType {
            comment: Some("floats".into()),
            ..floatrange()
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_range_comes_after_its_function_and_before_a_table_of_its_multirange() {
        let diff = |schema: &str| QualifiedName::new(schema, "float_diff");
        let desired = schema()
            .with(RangeType {
                subtype_diff: Some(diff("public")),
                ..floatrange()
            })
            .with(function(
                "float_diff",
                "a double precision, b double precision",
                "double precision",
                "SELECT a - b",
            ))
            .with(table(
                "t",
                [Column {
                    type_ref: Some(qn("floatmultirange")),
                    ..col("r", "floatmultirange")
                }],
            ));
        assert_snapshot!(planned(&schema(), &desired));
    }
}
