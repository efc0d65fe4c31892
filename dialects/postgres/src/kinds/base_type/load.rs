//! Loading this kind from parsed SQL statements.
//!
//! `CREATE TYPE name;` announces a shell: the I/O functions that follow take or return it,
//! and `CREATE TYPE name (INPUT = …, OUTPUT = …, …)` completes it. A shell never completed
//! is an error at the end of the load (with the shell's file and line). Options left out
//! get what PostgreSQL fills in (`DefineType`), and `LIKE = type` copies the length,
//! by-value flag, alignment and storage of a built-in type or a base type of the files,
//! then the explicit options override them, as PostgreSQL does. `ALTER TYPE … SET (…)`
//! changes the options PostgreSQL alters in place. `DROP TYPE` and
//! `COMMENT ON TYPE` are answered with the other user types, in the enum kind.

use crate::define::{arg_names, flag, object_name, words, Kind};
use crate::load::{Loader, R};
use crate::normalize::{const_text, def_elems, strings};
use migrator_core::kinds::mark_io_functions;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N};

/// Length, by value, alignment and storage of the built-in types `LIKE` may name.
const BUILT_IN: &[(&str, i16, bool, &str, &str)] = &[
    ("bool", 1, true, "char", "plain"),
    ("char", 1, true, "char", "plain"),
    ("int2", 2, true, "int2", "plain"),
    ("int4", 4, true, "int4", "plain"),
    ("int8", 8, true, "double", "plain"),
    ("float4", 4, true, "int4", "plain"),
    ("float8", 8, true, "double", "plain"),
    ("oid", 4, true, "int4", "plain"),
    ("date", 4, true, "int4", "plain"),
    ("timestamp", 8, true, "double", "plain"),
    ("timestamptz", 8, true, "double", "plain"),
    ("uuid", 16, false, "char", "plain"),
    ("name", 64, false, "char", "plain"),
    ("text", -1, false, "int4", "extended"),
    ("varchar", -1, false, "int4", "extended"),
    ("bytea", -1, false, "int4", "extended"),
    ("json", -1, false, "int4", "extended"),
    ("jsonb", -1, false, "int4", "extended"),
    ("numeric", -1, false, "int4", "main"),
];

impl Loader {
    /// `CREATE TYPE name;` or `CREATE TYPE name (…)`.
    pub(crate) fn define_type(&mut self, s: &pb::DefineStmt) -> R<()> {
        let name = self.qualified(&strings(&s.defnames), |_| false)?;
        if s.definition.is_empty() {
            if self.is_user_type(&name) || self.shells.contains_key(&name) {
                return Err(format!("type {name} already exists"));
            }
            self.shells.insert(name, (self.file.clone(), self.line));
            return Ok(());
        }
        // Completing its shell, if it has one.
        self.shells.remove(&name);
        if self.is_user_type(&name) {
            return Err(format!("type {name} already exists"));
        }
        let t = self.base_type(name.clone(), &s.definition)?;
        mark_io_functions(&t, &mut self.schema.functions);
        self.schema.base_types.insert(name, t);
        Ok(())
    }

    /// `ALTER TYPE … SET (…)`: the options PostgreSQL alters in place (a function, or
    /// `NONE`; `STORAGE`). A new `STORAGE` does not reach the table columns of the type,
    /// which keep their mode: those that followed the type's get the old one as their own.
    pub(crate) fn alter_type_set(&mut self, s: &pb::AlterTypeStmt) -> R<()> {
        let q = self.qualified(&strings(&s.type_name), |q| self.is_user_type(q))?;
        let Some(mut t) = self.schema.base_types.get(&q).cloned() else {
            return Err(format!(
                "ALTER TYPE {q} SET (…) of a type that is not a base type of the files"
            ));
        };
        let old_storage = t.storage.clone();
        for d in def_elems(&s.options) {
            let arg = d.arg.as_deref();
            let function = || -> R<Option<QualifiedName>> {
                let names = arg_names(arg);
                match names.as_slice() {
                    [n] if n.eq_ignore_ascii_case("none") => Ok(None),
                    _ => object_name(&names, self, Some(Kind::Function)).map(Some),
                }
            };
            match d.defname.to_lowercase().as_str() {
                "receive" => t.receive = function()?,
                "send" => t.send = function()?,
                "typmod_in" => t.typmod_in = function()?,
                "typmod_out" => t.typmod_out = function()?,
                "analyze" => t.analyze = function()?,
                "subscript" => t.subscript = function()?,
                "storage" => t.storage = storage(&q, &words(arg))?,
                other => {
                    return Err(format!(
                        "ALTER TYPE {q} SET: type attribute \"{other}\" cannot be changed"
                    ))
                }
            }
        }
        if t.storage != old_storage {
            for table in self.schema.tables.values_mut() {
                for c in table.columns_mut() {
                    let plain = !c.data_type.ends_with(']') && c.storage.is_none();
                    if c.type_ref.as_ref() == Some(&q) && plain {
                        c.storage = Some(Box::new(Storage {
                            mode: old_storage.to_uppercase(),
                            type_default: t.storage.to_uppercase(),
                        }));
                    }
                }
            }
        }
        self.schema.base_types.insert(q, t);
        Ok(())
    }

    /// `DROP TYPE` of the base type `q`: with `CASCADE` it takes its I/O functions along;
    /// without, PostgreSQL refuses (they depend on it).
    pub(crate) fn drop_base_type(&mut self, q: &QualifiedName, cascade: bool) -> R<()> {
        if !cascade {
            return Err(format!(
                "cannot drop type {q} because its I/O functions depend on it (DROP TYPE … \
                 CASCADE drops them too)"
            ));
        }
        self.schema.base_types.remove(q);
        self.schema.functions.retain(|_, f| !f.shells.contains(q));
        Ok(())
    }

    /// The base type `name` with the options `definition` gives.
    fn base_type(&self, name: QualifiedName, definition: &[pb::Node]) -> R<BaseType> {
        let unnamed = || QualifiedName::new("", "");
        let mut t = BaseType::new(name.clone(), unnamed(), unnamed());
        let elems: Vec<&pb::DefElem> = def_elems(definition).collect();
        // `LIKE` first: the explicit options override what it copies.
        for d in &elems {
            if d.defname.eq_ignore_ascii_case("like") {
                self.like(&mut t, d.arg.as_deref())?;
            }
        }
        let (mut input, mut output) = (None, None);
        for d in elems {
            let arg = d.arg.as_deref();
            let function = || object_name(&arg_names(arg), self, Some(Kind::Function));
            let text = || arg.map(const_text).unwrap_or_default();
            match d.defname.to_lowercase().as_str() {
                "like" => {}
                "input" => input = Some(function()?),
                "output" => output = Some(function()?),
                "receive" => t.receive = Some(function()?),
                "send" => t.send = Some(function()?),
                "typmod_in" => t.typmod_in = Some(function()?),
                "typmod_out" => t.typmod_out = Some(function()?),
                "analyze" => t.analyze = Some(function()?),
                "subscript" => t.subscript = Some(function()?),
                "internallength" => t.internal_length = length(&name, arg)?,
                "passedbyvalue" => t.passed_by_value = flag(arg),
                "alignment" => t.alignment = alignment(&name, &words(arg))?,
                "storage" => t.storage = storage(&name, &words(arg))?,
                "category" => t.category = one_char(&name, "CATEGORY", &text())?,
                "preferred" => t.preferred = flag(arg),
                "default" => t.default = Some(text()),
                "element" => {
                    let Some(N::TypeName(e)) = arg.and_then(|a| a.node.as_ref()) else {
                        return Err(format!("base type {name}: ELEMENT must be a type"));
                    };
                    let e = self.type_of(e)?;
                    t.element = Some(e.text);
                    t.element_ref = e.user_type;
                }
                "delimiter" => t.delimiter = one_char(&name, "DELIMITER", &text())?,
                "collatable" => t.collatable = flag(arg),
                other => {
                    return Err(format!(
                        "base type {name}: type attribute \"{other}\" not recognized"
                    ))
                }
            }
        }
        t.input = input
            .ok_or_else(|| format!("base type {name}: type input function must be specified"))?;
        t.output = output
            .ok_or_else(|| format!("base type {name}: type output function must be specified"))?;
        if t.element.is_some() && t.subscript.is_none() {
            // PostgreSQL's default for a type with an element type (`DefineType`).
            t.subscript = Some(QualifiedName::new(
                "pg_catalog",
                "raw_array_subscript_handler",
            ));
        }
        Ok(t)
    }

    /// `LIKE = type`: its length, by-value flag, alignment and storage.
    fn like(&self, t: &mut BaseType, arg: Option<&pb::Node>) -> R<()> {
        let names = arg_names(arg);
        let bare = match names.as_slice() {
            [s, n] if s == "pg_catalog" => Some(n.as_str()),
            [n] => Some(n.as_str()),
            _ => None,
        };
        if let Some((_, len, byval, align, storage)) = BUILT_IN.iter().find(|b| Some(b.0) == bare) {
            t.internal_length = *len;
            t.passed_by_value = *byval;
            t.alignment = align.to_string();
            t.storage = storage.to_string();
            return Ok(());
        }
        let q = self.qualified(&names, |q| self.schema.base_types.contains_key(q))?;
        let Some(other) = self.schema.base_types.get(&q) else {
            return Err(format!(
                "base type {}: LIKE = {} is not supported yet (only base types of the files \
                 and common built-in types; write INTERNALLENGTH, PASSEDBYVALUE, ALIGNMENT \
                 and STORAGE instead, see docs/SUPPORTED.md)",
                t.name,
                names.join(".")
            ));
        };
        t.internal_length = other.internal_length;
        t.passed_by_value = other.passed_by_value;
        t.alignment.clone_from(&other.alignment);
        t.storage.clone_from(&other.storage);
        Ok(())
    }
}

/// `INTERNALLENGTH`: a number of bytes, or `VARIABLE` (-1).
fn length(name: &QualifiedName, arg: Option<&pb::Node>) -> R<i16> {
    let text = arg.map(const_text).unwrap_or_default();
    if text.eq_ignore_ascii_case("variable") {
        return Ok(-1);
    }
    text.parse()
        .map_err(|_| format!("base type {name}: invalid INTERNALLENGTH {text}"))
}

/// `ALIGNMENT`, spelled as PostgreSQL accepts it, as its name in [`BaseType::alignment`].
fn alignment(name: &QualifiedName, a: &str) -> R<String> {
    let a = a.trim_start_matches("pg_catalog.");
    Ok(match a {
        "double" | "float8" => "double",
        "int4" | "int" | "integer" => "int4",
        "int2" | "smallint" => "int2",
        "char" | "bpchar" => "char",
        _ => {
            return Err(format!(
                "base type {name}: alignment \"{a}\" not recognized"
            ))
        }
    }
    .to_string())
}

/// `STORAGE`, as its name in [`BaseType::storage`].
fn storage(name: &QualifiedName, s: &str) -> R<String> {
    match s {
        "plain" | "external" | "extended" | "main" => Ok(s.to_string()),
        _ => Err(format!("base type {name}: storage \"{s}\" not recognized")),
    }
}

/// `CATEGORY` or `DELIMITER`: one character.
fn one_char(name: &QualifiedName, option: &str, s: &str) -> R<String> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii() => Ok(c.to_string()),
        _ => Err(format!(
            "base type {name}: {option} must be one ASCII character"
        )),
    }
}

statement_hook! {
    DefineStmt[kind = ObjectType] => define_type,
    AlterTypeStmt => alter_type_set,
}

#[cfg(test)]
mod tests {
    use crate::load::Loader;
    use migrator_core::schema::QualifiedName;

    const IO: &str = "CREATE TYPE mytext;\n\
        CREATE FUNCTION mytext_in(cstring) RETURNS mytext LANGUAGE internal IMMUTABLE STRICT AS 'textin';\n\
        CREATE FUNCTION mytext_out(mytext) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'textout';\n";

    #[test]
    fn defaults_are_what_postgresql_fills_in_and_like_copies_a_type() {
        let l = Loader::loaded(&format!(
            "{IO}CREATE TYPE mytext (INPUT = mytext_in, OUTPUT = mytext_out, LIKE = text, \
             CATEGORY = 'S');"
        ));
        let t = &l.schema.base_types[&QualifiedName::new("public", "mytext")];
        assert_eq!(t.input, QualifiedName::new("public", "mytext_in"));
        assert_eq!(t.internal_length, -1);
        assert_eq!(
            (t.alignment.as_str(), t.storage.as_str()),
            ("int4", "extended")
        );
        assert_eq!((t.category.as_str(), t.delimiter.as_str()), ("S", ","));
        let shells = |f: &str| {
            let f = l
                .schema
                .functions
                .values()
                .find(|x| x.name.name == f)
                .unwrap();
            f.shells.clone()
        };
        assert_eq!(
            shells("mytext_in"),
            vec![QualifiedName::new("public", "mytext")]
        );
        assert_eq!(
            shells("mytext_out"),
            vec![QualifiedName::new("public", "mytext")]
        );
    }

    #[test]
    fn alter_type_set_changes_in_place_and_columns_keep_their_storage() {
        let l = Loader::loaded(&format!(
            "{IO}CREATE TYPE mytext (INPUT = mytext_in, OUTPUT = mytext_out, \
             STORAGE = extended);\n\
             CREATE TABLE t (a mytext);\n\
             ALTER TYPE mytext SET (STORAGE = main, ANALYZE = array_typanalyze);\n\
             CREATE TABLE u (a mytext);"
        ));
        let t = &l.schema.base_types[&QualifiedName::new("public", "mytext")];
        assert_eq!(t.storage, "main");
        assert_eq!(
            t.analyze,
            Some(QualifiedName::new("pg_catalog", "array_typanalyze"))
        );
        let storage = |table: &str| {
            let t = &l.schema.tables[&QualifiedName::new("public", table)];
            t.columns[0].storage.as_ref().map(|s| s.mode.clone())
        };
        // The existing column keeps the old mode; a new one follows the type.
        assert_eq!(storage("t").as_deref(), Some("EXTENDED"));
        assert_eq!(storage("u"), None);
    }

    #[test]
    fn drop_type_needs_cascade_and_takes_the_io_functions() {
        let create = format!("{IO}CREATE TYPE mytext (INPUT = mytext_in, OUTPUT = mytext_out);\n");
        let err = Loader::load_error(&format!("{create}DROP TYPE mytext;"));
        assert!(
            err.starts_with("f.sql:5: cannot drop type public.mytext because its I/O functions"),
            "{err}"
        );
        let l = Loader::loaded(&format!("{create}DROP TYPE mytext CASCADE;"));
        assert!(l.schema.base_types.is_empty());
        assert!(l.schema.functions.is_empty());
    }

    #[test]
    fn an_io_function_replaced_after_its_type_is_still_one() {
        let mut l = Loader::default();
        let sql = format!(
            "{IO}CREATE TYPE mytext (INPUT = mytext_in, OUTPUT = mytext_out);\n\
             CREATE OR REPLACE FUNCTION mytext_out(mytext) RETURNS cstring LANGUAGE internal \
             STABLE STRICT AS 'textout';"
        );
        l.load_text("f.sql", &sql).unwrap();
        let schema = l.finish().unwrap().schema;
        let out = schema
            .functions
            .values()
            .find(|f| f.name.name == "mytext_out");
        assert_eq!(
            out.unwrap().shells,
            vec![QualifiedName::new("public", "mytext")]
        );
    }

    #[test]
    fn a_shell_never_completed_is_an_error_naming_its_line() {
        let mut l = Loader::default();
        l.load_text("f.sql", "CREATE TABLE t (a int);\nCREATE TYPE lonely;")
            .unwrap();
        let err = l.finish().err().unwrap().to_string();
        assert!(
            err.starts_with("f.sql:2: a shell type alone (public.lonely,"),
            "{err}"
        );
    }
}
