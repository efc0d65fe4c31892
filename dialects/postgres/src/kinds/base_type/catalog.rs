//! Reading this kind from the live catalog: `pg_type` rows of type `b` in the managed
//! schemas, leaving out the array types PostgreSQL creates beside each type (`_name`,
//! some type's `typarray`) and types owned by an extension. Read after the functions, so
//! the I/O functions of each type are marked as created on its shell.

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::kinds::mark_io_functions;
use migrator_core::schema::{BaseType, QualifiedName};
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

/// The support functions, each read as `<name>_schema` and `<name>_name` from `pg_type`'s
/// column of that name.
const FUNCTIONS: &[(&str, &str)] = &[
    ("input", "typinput"),
    ("output", "typoutput"),
    ("receive", "typreceive"),
    ("send", "typsend"),
    ("typmod_in", "typmodin"),
    ("typmod_out", "typmodout"),
    ("analyze", "typanalyze"),
    ("subscript", "typsubscript"),
];

fn query(s: &Scope) -> String {
    let functions: String = FUNCTIONS
        .iter()
        .map(|(name, column)| {
            format!(
                "(SELECT pn.nspname::text FROM pg_proc p JOIN pg_namespace pn \
                   ON pn.oid = p.pronamespace WHERE p.oid = t.{column}) AS {name}_schema, \
                 (SELECT p.proname::text FROM pg_proc p WHERE p.oid = t.{column}) AS {name}_name, "
            )
        })
        .collect();
    format!(
        "SELECT n.nspname, t.typname, obj_description(t.oid, 'pg_type') AS comment, \
                {functions}\
                t.typlen, t.typbyval, t.typalign::text AS typalign, \
                t.typstorage::text AS typstorage, t.typcategory::text AS typcategory, \
                t.typispreferred, t.typdefault, \
                CASE WHEN t.typelem <> 0 THEN format_type(t.typelem, NULL) END AS element, \
                t.typdelim::text AS typdelim, t.typcollation <> 0 AS collatable \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         WHERE t.typtype = 'b' AND {user_types} \
           AND NOT EXISTS (SELECT 1 FROM pg_type o WHERE o.typarray = t.oid) \
         ORDER BY t.oid",
        user_types = s.user_types
    )
}

/// The function in columns `<prefix>_schema` and `<prefix>_name`, when there is one.
fn function(row: &Row, prefix: &str) -> Result<Option<QualifiedName>, LoadError> {
    let schema: Option<String> = row.col(&format!("{prefix}_schema"))?;
    let name: Option<String> = row.col(&format!("{prefix}_name"))?;
    Ok(schema.zip(name).map(|(s, n)| QualifiedName::new(s, n)))
}

/// A `pg_type` letter as the name the IR (and `CREATE TYPE`) uses.
fn word(letter: &str, names: &[(&str, &'static str)]) -> Result<String, LoadError> {
    names
        .iter()
        .find(|(l, _)| *l == letter)
        .map(|(_, w)| w.to_string())
        .ok_or_else(|| LoadError::Other(format!("unknown pg_type letter {letter:?}")))
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let name = row.qualified("typname")?;
        let required = |prefix: &str| -> Result<QualifiedName, LoadError> {
            function(&row, prefix)?.ok_or_else(|| {
                LoadError::Other(format!("base type {name} has no {prefix} function"))
            })
        };
        let element = match row.col::<Option<String>>("element")? {
            Some(e) => Some(cx.text.data_type(e)?),
            None => None,
        };
        let t = BaseType {
            name: name.clone(),
            input: required("input")?,
            output: required("output")?,
            receive: function(&row, "receive")?,
            send: function(&row, "send")?,
            typmod_in: function(&row, "typmod_in")?,
            typmod_out: function(&row, "typmod_out")?,
            analyze: function(&row, "analyze")?,
            subscript: function(&row, "subscript")?,
            internal_length: row.col("typlen")?,
            passed_by_value: row.col("typbyval")?,
            alignment: word(
                &row.col::<String>("typalign")?,
                &[("c", "char"), ("s", "int2"), ("i", "int4"), ("d", "double")],
            )?,
            storage: word(
                &row.col::<String>("typstorage")?,
                &[
                    ("p", "plain"),
                    ("e", "external"),
                    ("x", "extended"),
                    ("m", "main"),
                ],
            )?,
            category: row.col("typcategory")?,
            preferred: row.col("typispreferred")?,
            default: row.col("typdefault")?,
            element_ref: element.as_ref().and_then(|e| e.user_type.clone()),
            element: element.map(|e| e.text),
            delimiter: row.col("typdelim")?,
            collatable: row.col("collatable")?,
            comment: row.col("comment")?,
        };
        mark_io_functions(&t, &mut cx.schema.functions);
        cx.schema.base_types.insert(name, t);
    }
    Ok(())
}
