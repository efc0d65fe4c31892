//! The default operator class of each built-in type under each index method, as
//! PostgreSQL 15's `pg_opclass` lists them (`opcdefault`), and the key rule it implies:
//! naming a column's default operator class (`n int4_ops`, `body jsonb_ops` with GIN) is
//! the same index as naming none, which is how `pg_get_indexdef` prints it.
//!
//! Types are spelled as `format_type` prints them; a polymorphic class (`anyarray`,
//! `anyenum`) applies to every array and enum, and `varchar` uses `text`'s classes, as
//! `GetDefaultOpClass` finds them through binary coercion.

/// `(method, type, default operator class)`.
const DEFAULTS: &[(&str, &str, &str)] = &[
    ("brin", "\"char\"", "char_minmax_ops"),
    ("brin", "anyrange", "range_inclusion_ops"),
    ("brin", "bigint", "int8_minmax_ops"),
    ("brin", "bit", "bit_minmax_ops"),
    ("brin", "bit varying", "varbit_minmax_ops"),
    ("brin", "box", "box_inclusion_ops"),
    ("brin", "bytea", "bytea_minmax_ops"),
    ("brin", "character", "bpchar_minmax_ops"),
    ("brin", "date", "date_minmax_ops"),
    ("brin", "double precision", "float8_minmax_ops"),
    ("brin", "inet", "inet_inclusion_ops"),
    ("brin", "integer", "int4_minmax_ops"),
    ("brin", "interval", "interval_minmax_ops"),
    ("brin", "macaddr", "macaddr_minmax_ops"),
    ("brin", "macaddr8", "macaddr8_minmax_ops"),
    ("brin", "name", "name_minmax_ops"),
    ("brin", "numeric", "numeric_minmax_ops"),
    ("brin", "oid", "oid_minmax_ops"),
    ("brin", "pg_lsn", "pg_lsn_minmax_ops"),
    ("brin", "real", "float4_minmax_ops"),
    ("brin", "smallint", "int2_minmax_ops"),
    ("brin", "text", "text_minmax_ops"),
    ("brin", "tid", "tid_minmax_ops"),
    ("brin", "time with time zone", "timetz_minmax_ops"),
    ("brin", "time without time zone", "time_minmax_ops"),
    ("brin", "timestamp with time zone", "timestamptz_minmax_ops"),
    (
        "brin",
        "timestamp without time zone",
        "timestamp_minmax_ops",
    ),
    ("brin", "uuid", "uuid_minmax_ops"),
    ("btree", "\"char\"", "char_ops"),
    ("btree", "anyarray", "array_ops"),
    ("btree", "anyenum", "enum_ops"),
    ("btree", "anymultirange", "multirange_ops"),
    ("btree", "anyrange", "range_ops"),
    ("btree", "bigint", "int8_ops"),
    ("btree", "bit", "bit_ops"),
    ("btree", "bit varying", "varbit_ops"),
    ("btree", "boolean", "bool_ops"),
    ("btree", "bytea", "bytea_ops"),
    ("btree", "character", "bpchar_ops"),
    ("btree", "date", "date_ops"),
    ("btree", "double precision", "float8_ops"),
    ("btree", "inet", "inet_ops"),
    ("btree", "integer", "int4_ops"),
    ("btree", "interval", "interval_ops"),
    ("btree", "jsonb", "jsonb_ops"),
    ("btree", "macaddr", "macaddr_ops"),
    ("btree", "macaddr8", "macaddr8_ops"),
    ("btree", "money", "money_ops"),
    ("btree", "name", "name_ops"),
    ("btree", "numeric", "numeric_ops"),
    ("btree", "oid", "oid_ops"),
    ("btree", "oidvector", "oidvector_ops"),
    ("btree", "pg_lsn", "pg_lsn_ops"),
    ("btree", "real", "float4_ops"),
    ("btree", "record", "record_ops"),
    ("btree", "smallint", "int2_ops"),
    ("btree", "text", "text_ops"),
    ("btree", "tid", "tid_ops"),
    ("btree", "time with time zone", "timetz_ops"),
    ("btree", "time without time zone", "time_ops"),
    ("btree", "timestamp with time zone", "timestamptz_ops"),
    ("btree", "timestamp without time zone", "timestamp_ops"),
    ("btree", "tsquery", "tsquery_ops"),
    ("btree", "tsvector", "tsvector_ops"),
    ("btree", "uuid", "uuid_ops"),
    ("btree", "xid8", "xid8_ops"),
    ("gin", "anyarray", "array_ops"),
    ("gin", "jsonb", "jsonb_ops"),
    ("gin", "tsvector", "tsvector_ops"),
    ("gist", "anymultirange", "multirange_ops"),
    ("gist", "anyrange", "range_ops"),
    ("gist", "box", "box_ops"),
    ("gist", "circle", "circle_ops"),
    ("gist", "point", "point_ops"),
    ("gist", "polygon", "poly_ops"),
    ("gist", "tsquery", "tsquery_ops"),
    ("gist", "tsvector", "tsvector_ops"),
    ("hash", "\"char\"", "char_ops"),
    ("hash", "aclitem", "aclitem_ops"),
    ("hash", "anyarray", "array_ops"),
    ("hash", "anyenum", "enum_ops"),
    ("hash", "anymultirange", "multirange_ops"),
    ("hash", "anyrange", "range_ops"),
    ("hash", "bigint", "int8_ops"),
    ("hash", "boolean", "bool_ops"),
    ("hash", "bytea", "bytea_ops"),
    ("hash", "character", "bpchar_ops"),
    ("hash", "cid", "cid_ops"),
    ("hash", "date", "date_ops"),
    ("hash", "double precision", "float8_ops"),
    ("hash", "inet", "inet_ops"),
    ("hash", "integer", "int4_ops"),
    ("hash", "interval", "interval_ops"),
    ("hash", "jsonb", "jsonb_ops"),
    ("hash", "macaddr", "macaddr_ops"),
    ("hash", "macaddr8", "macaddr8_ops"),
    ("hash", "name", "name_ops"),
    ("hash", "numeric", "numeric_ops"),
    ("hash", "oid", "oid_ops"),
    ("hash", "oidvector", "oidvector_ops"),
    ("hash", "pg_lsn", "pg_lsn_ops"),
    ("hash", "real", "float4_ops"),
    ("hash", "record", "record_ops"),
    ("hash", "smallint", "int2_ops"),
    ("hash", "text", "text_ops"),
    ("hash", "tid", "tid_ops"),
    ("hash", "time with time zone", "timetz_ops"),
    ("hash", "time without time zone", "time_ops"),
    ("hash", "timestamp with time zone", "timestamptz_ops"),
    ("hash", "timestamp without time zone", "timestamp_ops"),
    ("hash", "uuid", "uuid_ops"),
    ("hash", "xid", "xid_ops"),
    ("hash", "xid8", "xid8_ops"),
    ("spgist", "anyrange", "range_ops"),
    ("spgist", "box", "box_ops"),
    ("spgist", "inet", "inet_ops"),
    ("spgist", "point", "quad_point_ops"),
    ("spgist", "polygon", "poly_ops"),
    ("spgist", "text", "text_ops"),
];

/// The default operator class of a column of type `data_type` (as `format_type` prints it,
/// with or without a type modifier) under `method`; `is_enum` for a user enum type.
pub(crate) fn default_opclass(
    method: &str,
    data_type: &str,
    is_enum: bool,
) -> Option<&'static str> {
    let base = match data_type.find('(') {
        // `character varying(10)`, `numeric(10,2)`, `timestamp(3) with time zone`.
        Some(i) => {
            let close = data_type[i..]
                .find(')')
                .map_or(data_type.len(), |j| i + j + 1);
            format!("{}{}", &data_type[..i], &data_type[close..])
        }
        None => data_type.to_string(),
    };
    let looked_up = if base.ends_with("[]") {
        "anyarray"
    } else if is_enum {
        "anyenum"
    } else if base == "character varying" {
        "text"
    } else {
        base.as_str()
    };
    DEFAULTS
        .iter()
        .find(|(m, t, _)| *m == method && *t == looked_up)
        .map(|(_, _, c)| *c)
}

/// Whether `class` is `method`'s default operator class for some type: for an expression
/// key, whose type is not known before it is stored, the class that must be its type's.
pub(crate) fn is_a_default(method: &str, class: &str) -> bool {
    DEFAULTS.iter().any(|(m, _, c)| *m == method && *c == class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_classes_follow_the_type_and_method() {
        assert_eq!(default_opclass("btree", "integer", false), Some("int4_ops"));
        assert_eq!(default_opclass("gin", "jsonb", false), Some("jsonb_ops"));
        assert_eq!(default_opclass("gin", "text[]", false), Some("array_ops"));
        assert_eq!(
            default_opclass("btree", "character varying(20)", false),
            Some("text_ops")
        );
        assert_eq!(
            default_opclass("btree", "timestamp(3) with time zone", false),
            Some("timestamptz_ops")
        );
        assert_eq!(default_opclass("btree", "mood", true), Some("enum_ops"));
        assert_eq!(default_opclass("gin", "integer", false), None);
        assert!(is_a_default("gin", "jsonb_ops"));
        assert!(is_a_default("btree", "text_ops"));
        assert!(!is_a_default("btree", "text_pattern_ops"));
        assert!(!is_a_default("gin", "jsonb_path_ops"));
    }
}
