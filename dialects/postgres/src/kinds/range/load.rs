//! Loading this kind from parsed SQL statements.
//!
//! `CREATE TYPE … AS RANGE (SUBTYPE = …, …)`. Options left out are left out of the IR, as
//! the catalog read leaves out what PostgreSQL fills in (a default operator class, the
//! subtype's own collation); the multirange type's name is derived as PostgreSQL derives
//! it. `DROP TYPE` and `COMMENT ON TYPE` are answered with the other user types, in the
//! enum kind. `CANONICAL` is refused: its function takes the range type itself, which
//! needs a shell type (`CREATE TYPE name;`) and a function written in C.

use crate::define::{arg_names, object_name, Kind};
use crate::kinds::index::opclass::is_a_default;
use crate::load::{Loader, R};
use crate::normalize::{def_elems, strings};
use crate::quote::quote_ident;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N};

impl Loader {
    /// `CREATE TYPE … AS RANGE (…)`.
    pub(crate) fn create_range(&mut self, s: &pb::CreateRangeStmt) -> R<()> {
        let name = self.qualified(&strings(&s.type_name), |_| false)?;
        if self.is_user_type(&name) {
            return Err(format!("type {name} already exists"));
        }
        let mut subtype = None;
        let mut range = RangeType {
            name: name.clone(),
            subtype: String::new(),
            subtype_ref: None,
            opclass: None,
            collation: None,
            canonical: None,
            subtype_diff: None,
            multirange: RangeType::derived_multirange(&name),
            comment: None,
        };
        for d in def_elems(&s.params) {
            let arg = d.arg.as_deref();
            let names = arg_names(arg);
            match d.defname.to_lowercase().as_str() {
                "subtype" => {
                    let Some(N::TypeName(t)) = arg.and_then(|a| a.node.as_ref()) else {
                        return Err(format!("range type {name}: SUBTYPE must be a type"));
                    };
                    subtype = Some(self.type_of(t)?);
                }
                "subtype_opclass" => range.opclass = opclass(&names),
                "collation" => range.collation = collation(&names),
                "canonical" => {
                    return Err(format!(
                        "range type {name}: CANONICAL is not supported yet (its function \
                         takes the range type, which needs a shell type and a C function; \
                         see docs/SUPPORTED.md)"
                    ))
                }
                "subtype_diff" => {
                    range.subtype_diff = Some(object_name(&names, self, Some(Kind::Function))?)
                }
                "multirange_type_name" => {
                    range.multirange = self.qualified(&names, |_| false)?;
                }
                other => {
                    return Err(format!(
                        "range type {name}: type attribute \"{other}\" not recognized"
                    ))
                }
            }
        }
        let subtype = subtype.ok_or_else(|| format!("range type {name}: SUBTYPE is required"))?;
        range.subtype = subtype.text;
        range.subtype_ref = subtype.user_type;
        if self.is_user_type(&range.multirange) {
            return Err(format!(
                "type {} already exists (the multirange type of {name}; name another with \
                 MULTIRANGE_TYPE_NAME)",
                range.multirange
            ));
        }
        self.schema.ranges.insert(name, range);
        Ok(())
    }

    /// The range type whose multirange type is `q`, if any.
    pub(crate) fn range_of_multirange(&self, q: &QualifiedName) -> Option<&RangeType> {
        self.schema.ranges.values().find(|r| r.multirange == *q)
    }
}

/// `SUBTYPE_OPCLASS`: `None` for a default btree class (the catalog leaves those out too),
/// else its name, qualified unless in `pg_catalog`.
fn opclass(names: &[String]) -> Option<String> {
    let names = match names {
        [schema, rest @ ..] if schema == "pg_catalog" => rest,
        _ => names,
    };
    match names {
        [class] if is_a_default("btree", class) => None,
        _ => Some(
            names
                .iter()
                .map(|n| quote_ident(n))
                .collect::<Vec<_>>()
                .join("."),
        ),
    }
}

/// `COLLATION`: its name as the catalog gives it (unqualified); `default` is the subtype's
/// own, which the catalog leaves out.
fn collation(names: &[String]) -> Option<String> {
    match names.last().map(String::as_str) {
        None | Some("default") => None,
        Some(c) => Some(c.to_string()),
    }
}

statement_hook! {
    CreateRangeStmt => create_range,
}

#[cfg(test)]
mod tests {
    use crate::load::Loader;
    use migrator_core::schema::{QualifiedName, RangeType};

    fn load(sql: &str) -> Result<Loader, String> {
        let mut l = Loader::default();
        l.load_text("f.sql", sql).map_err(|e| e.to_string())?;
        Ok(l)
    }

    fn range(l: &Loader, name: &str) -> RangeType {
        l.schema.ranges[&QualifiedName::new("public", name)].clone()
    }

    #[test]
    fn defaults_are_left_out_and_the_multirange_name_is_derived() {
        let l = load(
            "CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_opclass = float8_ops, \
             subtype_diff = float8mi);\n\
             CREATE TYPE textspan AS RANGE (SUBTYPE = text, COLLATION = \"C\", \
             SUBTYPE_OPCLASS = text_pattern_ops, MULTIRANGE_TYPE_NAME = textspans);",
        )
        .unwrap();
        let f = range(&l, "floatrange");
        assert_eq!(f.subtype, "double precision");
        assert_eq!(f.opclass, None);
        assert_eq!(f.multirange.name, "floatmultirange");
        assert_eq!(
            f.subtype_diff,
            Some(QualifiedName::new("pg_catalog", "float8mi"))
        );
        let t = range(&l, "textspan");
        assert_eq!(t.opclass.as_deref(), Some("text_pattern_ops"));
        assert_eq!(t.collation.as_deref(), Some("C"));
        assert_eq!(t.multirange.name, "textspans");
    }

    #[test]
    fn columns_of_the_multirange_type_name_it() {
        let l = load(
            "CREATE TYPE floatrange AS RANGE (subtype = float8);\n\
             CREATE TABLE t (r floatrange, m floatmultirange);",
        )
        .unwrap();
        let t = &l.schema.tables[&QualifiedName::new("public", "t")];
        assert_eq!(t.columns[1].data_type, "floatmultirange");
        assert_eq!(
            t.columns[1].type_ref,
            Some(QualifiedName::new("public", "floatmultirange"))
        );
    }

    #[test]
    fn canonical_and_clashing_multirange_names_are_errors() {
        let err = load("CREATE TYPE r AS RANGE (subtype = int4, canonical = r_canon);")
            .err()
            .unwrap();
        assert!(err.contains("CANONICAL is not supported yet"), "{err}");
        let err = load(
            "CREATE TYPE floatmultirange AS ENUM ('a');\n\
             CREATE TYPE floatrange AS RANGE (subtype = float8);",
        )
        .err()
        .unwrap();
        assert!(
            err.contains("f.sql:2: type public.floatmultirange already exists"),
            "{err}"
        );
    }

    #[test]
    fn drop_and_comment_name_the_range_not_its_multirange_type() {
        let l = load(
            "CREATE TYPE floatrange AS RANGE (subtype = float8);\n\
             COMMENT ON TYPE floatrange IS 'floats';\n\
             DROP TYPE floatrange;\n\
             CREATE TYPE floatrange AS RANGE (subtype = float8);",
        )
        .unwrap();
        assert_eq!(range(&l, "floatrange").comment, None);
        for (statement, message) in [
            (
                "DROP TYPE floatmultirange;",
                "because type public.floatrange requires it",
            ),
            (
                "COMMENT ON TYPE floatmultirange IS 'x';",
                "comments on a multirange type are not supported yet",
            ),
        ] {
            let sql = format!("CREATE TYPE floatrange AS RANGE (subtype = float8);\n{statement}");
            let err = load(&sql).err().unwrap();
            assert!(
                err.starts_with("f.sql:2: ") && err.contains(message),
                "{err}"
            );
        }
    }
}
