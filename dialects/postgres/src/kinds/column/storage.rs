//! Column storage modes (`ALTER TABLE … ALTER COLUMN … SET STORAGE`).
//!
//! A column keeps a [`Storage`] only when its mode differs from its type's default, so a
//! file that spells out the default equals the catalog that does not. The file side needs
//! the defaults of the built-in types (`pg_type.typstorage`), listed here; a domain has its
//! base type's, an enum `PLAIN`, a base type of the files its `STORAGE`, anything else unknown is taken as `EXTENDED`.

use migrator_core::schema::{QualifiedName, Schema, Storage};

/// The storage mode of a catalog `typstorage`/`attstorage` letter.
pub fn mode_of(letter: &str) -> &'static str {
    match letter {
        "p" => "PLAIN",
        "e" => "EXTERNAL",
        "m" => "MAIN",
        _ => "EXTENDED",
    }
}

/// The default storage mode of a canonical type (`integer`, `character varying(10)`,
/// `public.bytea20`), looking user types up in `schema`.
pub fn type_default(data_type: &str, type_ref: Option<&QualifiedName>, schema: &Schema) -> String {
    if data_type.ends_with(']') {
        return "EXTENDED".into();
    }
    if let Some(q) = type_ref {
        if let Some(d) = schema.domains.get(q) {
            return type_default(&d.data_type, d.type_ref.as_ref(), schema);
        }
        if schema.enums.contains_key(q) {
            return "PLAIN".into();
        }
        if let Some(b) = schema.base_types.get(q) {
            return b.storage.to_uppercase();
        }
        return "EXTENDED".into();
    }
    let base = data_type.split('(').next().unwrap_or(data_type).trim();
    match base {
        "smallint"
        | "integer"
        | "bigint"
        | "real"
        | "double precision"
        | "boolean"
        | "\"char\""
        | "date"
        | "time without time zone"
        | "time with time zone"
        | "timestamp without time zone"
        | "timestamp with time zone"
        | "interval"
        | "uuid"
        | "oid"
        | "money"
        | "point"
        | "lseg"
        | "box"
        | "line"
        | "circle"
        | "macaddr"
        | "macaddr8"
        | "pg_lsn"
        | "regclass"
        | "regproc"
        | "regtype"
        | "tid"
        | "xid" => "PLAIN".into(),
        "numeric" | "inet" | "cidr" => "MAIN".into(),
        _ => "EXTENDED".into(),
    }
}

/// The [`Storage`] a column gets for `mode`, or `None` when it is the type's default.
pub fn storage(mode: &str, type_default: String) -> Option<Storage> {
    let mode = mode.to_uppercase();
    (mode != type_default).then_some(Storage { mode, type_default })
}
