//! The canonical forms of types and expressions: spellings that mean the same compare equal.
use super::*;

fn key(sql: &str) -> String {
    expr_from_sql(sql, "public").unwrap().key
}

fn ty(sql: &str) -> String {
    canonical_type_text(sql, "public").unwrap().text
}

#[test]
fn types_print_as_format_type_does() {
    assert_eq!(ty("int4"), "integer");
    assert_eq!(ty("int"), "integer");
    assert_eq!(ty("varchar(10)"), "character varying(10)");
    assert_eq!(ty("character varying(10)"), "character varying(10)");
    assert_eq!(ty("timestamptz"), "timestamp with time zone");
    assert_eq!(
        ty("timestamp(3) without time zone"),
        "timestamp(3) without time zone"
    );
    assert_eq!(ty("decimal(10)"), "numeric(10,0)");
    assert_eq!(ty("char"), "character(1)");
    assert_eq!(ty("float"), "double precision");
    assert_eq!(ty("text[][]"), "text[]");
    assert_eq!(ty("public.mood"), "mood");
    assert_eq!(ty("other.\"Mood\"[]"), "other.\"Mood\"[]");
}

#[test]
fn catalog_types_stay_unqualified_whatever_the_creation_schema() {
    let in_app = |t: &str| canonical_type_text(t, "app").unwrap();
    for (t, text) in [
        ("trigger", "trigger"),
        ("void", "void"),
        ("\"any\"", "\"any\""),
    ] {
        let c = in_app(t);
        assert_eq!((c.text.as_str(), c.user_type), (text, None));
    }
    assert_eq!(in_app("mood").text, "app.mood");
}

#[test]
fn identifier_type_modifiers_compare_equal_to_format_type() {
    // A file's spelling and PostGIS's `format_type` output (search_path = '').
    assert_eq!(
        ty("geometry(Point, 4326)"),
        ty("public.geometry(Point,4326)")
    );
    assert_eq!(ty("geometry(POINT, 4326)"), "geometry(point,4326)");
    assert_eq!(
        ty("gis.geography(MultiPolygonZ)"),
        "gis.geography(multipolygonz)"
    );
    // A quoted identifier keeps its case, as PostgreSQL hands it to `typmodin`.
    assert_eq!(ty("geometry(\"Point\")"), "geometry(\"Point\")");
    assert_ne!(ty("geometry(Point,4326)"), ty("geometry(Polygon,4326)"));
    let err = canonical_type_text("geometry(a.b)", "public").unwrap_err();
    assert!(err.contains("constants or simple identifiers"), "{err}");
    let err = canonical_type_text("foo(1 + 2)", "public").unwrap_err();
    assert!(err.contains("not `1 + 2`"), "{err}");
}

#[test]
fn literal_casts_and_in_lists_compare_equal() {
    assert_eq!(key("'x'"), key("'x'::text"));
    assert_eq!(key("-1"), key("'-1'::integer"));
    assert_eq!(key("price > 0"), key("(price > (0)::numeric)"));
    assert_eq!(
        key("status IN ('a', 'b')"),
        key("((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))")
    );
    assert_eq!(key("n BETWEEN 1 AND 5"), key("((n >= 1) AND (n <= 5))"));
    assert_eq!(key("name LIKE 'a%'"), key("((name)::text ~~ 'a%'::text)"));
    assert_eq!(key("nextval('public.s')"), key("nextval('s'::regclass)"));
    assert_ne!(key("a > 1"), key("a > 2"));
}

#[test]
fn date_and_timestamp_literals_compare_in_one_spelling() {
    let same = [
        "c > '2000-01-01'",
        "c > '2000-01-01 00:00:00'::timestamp without time zone",
        "c > '2000-01-01T00:00'",
        "c > '2000-01-01 00:00:00+00'::timestamp with time zone",
        "c > '2000-01-01'::date",
    ];
    for s in same {
        assert_eq!(key(s), key(same[0]), "{s}");
    }
    let also = [
        "c > '2000-01-01 10:30'",
        "c > '2000-01-01 10:30:00'::timestamp without time zone",
        "c > '2000-01-01T10:30:00.000'",
    ];
    for s in also {
        assert_eq!(key(s), key(also[0]), "{s}");
    }
    assert_ne!(key("c > '2000-01-01 10:30:00.5'"), key(also[0]));
    assert_ne!(key("c > '2000-01-01 00:00:00+02'"), key(same[0]));
    assert_ne!(key("c > '2000-01-02'"), key(same[0]));
    assert_eq!(key("c <> 'not a date'"), "c <> 'not a date'");
}

#[test]
fn in_lists_and_row_comparisons_compare_as_postgresql_stores_them() {
    // Each pair: a file's spelling and what `pg_get_constraintdef` prints for it.
    let same = [
        ("x IN ('a')", "(x = 'a'::text)"),
        ("x NOT IN ('a')", "((x)::text <> 'a'::text)"),
        ("a IN (b, 1, 2)", "((a = ANY (ARRAY[1, 2])) OR (a = b))"),
        ("a NOT IN (b, 1)", "((a <> b) AND (a <> 1))"),
        ("a IN (1, b)", "((a = 1) OR (a = b))"),
        ("ROW(a, b) <> ROW(1, 2)", "((a <> 1) OR (b <> 2))"),
        ("(a, b) = (1, 2)", "((a = 1) AND (b = 2))"),
        ("(a, b) < (10, 10)", "(ROW(a, b) < ROW(10, 10))"),
    ];
    for (file, catalog) in same {
        assert_eq!(key(file), key(catalog), "{file}");
    }
    assert_ne!(key("x = ANY (ARRAY['a'])"), key("x = 'b'"));
    assert_ne!(key("a IN (1, 2)"), key("a NOT IN (1, 2)"));
}

#[test]
fn sql_syntax_calls_compare_as_calls() {
    let same = [
        ("now() AT TIME ZONE 'UTC'", "timezone('UTC'::text, now())"),
        (
            "now() AT TIME ZONE 'UTC'",
            "(now() AT TIME ZONE 'UTC'::text)",
        ),
        ("c SIMILAR TO 'x%'", "(c ~ similar_to_escape('x%'::text))"),
        ("EXTRACT(YEAR FROM d)", "EXTRACT(year FROM d)"),
        // The date/time ladder's implicit casts, and an array cast pushed to its elements.
        (
            "to_char(current_date, 'Y')",
            "to_char((CURRENT_DATE)::timestamp with time zone, 'Y'::text)",
        ),
        (
            "ARRAY[current_date::text]::text[]",
            "ARRAY[(CURRENT_DATE)::text]",
        ),
    ];
    for (file, catalog) in same {
        assert_eq!(key(file), key(catalog), "{file}");
    }
}

#[test]
fn typed_literals_compare_as_the_catalog_prints_them() {
    let same = [
        ("interval '1' day", "'1 day'::interval day"),
        ("'2'::interval hour", "'02:00:00'::interval"),
        ("'24 hours'::interval", "'24:00:00'::interval"),
        ("x'0F'::bit(8)", "'00001111'::bit(8)"),
        ("B'1010'", "'1010'::\"bit\""),
        ("'12.5'::money", "'$12.50'::money"),
        ("3.25::money", "'$3.25'::money"),
        ("money '1.999'", "'$2.00'::money"),
    ];
    for (file, catalog) in same {
        assert_eq!(key(file), key(catalog), "{file}");
    }
    assert_ne!(key("interval '1' day"), key("interval '1' hour"));
    assert_ne!(key("money '1.994'"), key("'$2.00'::money"));
    assert_ne!(key("B'1010'"), key("B'1011'"));
}

#[test]
fn catalog_any_arrays_are_written_back_as_in_lists() {
    let e = expr_from_sql(
        "((state)::text = ANY ((ARRAY['new'::character varying, 'sent'::character varying])::text[]))",
        "public",
    )
    .unwrap();
    assert_eq!(e.sql, "state IN ('new', 'sent')");
    assert_eq!(e.key, key("state IN ('new', 'sent')"));
}

#[test]
fn nextval_names_its_sequence_with_or_without_a_regclass_cast() {
    let refs = |sql: &str| expr_from_sql(sql, "public").unwrap().refs;
    let s = vec![QualifiedName::new("app", "s")];
    assert_eq!(refs("nextval('app.s')"), s);
    assert_eq!(refs("nextval('app.s'::regclass)"), s);
    assert_eq!(refs("nextval(('app.s')::regclass)"), s);
}

#[test]
fn widening_casts_the_catalog_adds_around_operands_compare_equal() {
    assert_eq!(
        key("total / nullif(quantity, 0)"),
        key("(total / (NULLIF(quantity, 0))::numeric)")
    );
    assert_eq!(key("a * length(b)"), key("(a * (length(b))::bigint)"));
    assert_eq!(key("x + (y + z)"), key("(x + ((y + z))::double precision)"));
    // A narrowing cast, or one with a type modifier, is the file's own.
    assert_ne!(key("now()::date"), key("now()"));
    assert_ne!(key("(a + b)::numeric(10,2)"), key("a + b"));
}

#[test]
fn a_case_without_else_is_the_catalog_s_else_null() {
    assert_eq!(
        key("CASE v WHEN 1 THEN 'one' WHEN 2 THEN 'two' END"),
        key("CASE v WHEN 1 THEN 'one'::text WHEN 2 THEN 'two'::text ELSE NULL::text END")
    );
    assert_eq!(
        key("CASE WHEN v > 1 THEN 1 END"),
        key("CASE WHEN (v > 1) THEN 1 ELSE NULL::integer END")
    );
    assert_ne!(
        key("CASE WHEN v > 1 THEN 1 END"),
        key("CASE WHEN v > 1 THEN 1 ELSE 0 END")
    );
}

#[test]
fn constants_deparse_as_pg_query_deparses_them() {
    let target = |sql: &str| {
        let parsed = pg_query::parse(&format!("SELECT {sql}"), 0).unwrap();
        Node {
            node: first_target(&parsed.protobuf),
        }
    };
    for sql in [
        "0",
        "42",
        "-1",
        "2147483648",
        "-9223372036854775808",
        "12.50",
        "-3.5",
        "1e10",
        "1.5E-3",
        ".5",
        "true",
        "FALSE",
        "NULL",
        "'new'",
        "'it''s'",
        "''",
        "'a\"b'",
        "'é'",
    ] {
        let node = target(sql);
        let fast = deparsed_constant(&node).unwrap_or_else(|| panic!("{sql}: not a constant"));
        assert_eq!(Ok(fast), deparsed_by_pg_query(&node), "{sql}");
    }
    // Left to pg_query: a backslash (`E'…'`), bit strings, anything not a constant.
    for sql in ["'a\\b'", "B'101'", "X'0F'", "now()", "1 + 1"] {
        assert_eq!(deparsed_constant(&target(sql)), None, "{sql}");
    }
}

#[test]
fn catalog_spellings_of_view_expressions_compare_equal() {
    // A file's spelling, then `pg_get_viewdef`'s.
    assert_eq!(
        key("qty IS NOT DISTINCT FROM 3"),
        key("NOT qty IS DISTINCT FROM 3")
    );
    assert_ne!(
        key("qty IS NOT DISTINCT FROM 3"),
        key("qty IS DISTINCT FROM 3")
    );
    assert_eq!(
        key("data @> '{\"x\":1,\"a\":[1,2]}'"),
        key("data @> '{\"a\": [1, 2], \"x\": 1}'::jsonb")
    );
    assert_eq!(key("tags @> '{a,b}'"), "tags @> '{a,b}'");
    assert_eq!(key("1e10"), key("10000000000"));
    assert_eq!(key("2.5e-1"), key("0.25"));
}

#[test]
fn a_variadic_array_compares_as_its_spread_elements() {
    // The catalog prints a call spreading a variadic array parameter as `VARIADIC ARRAY[…]`.
    assert_eq!(key("g(1, 2, 3)"), key("g(VARIADIC ARRAY[1, 2, 3])"));
    assert_eq!(
        key("jsonb_extract_path(j, 'a', 'b')"),
        key("jsonb_extract_path(j, VARIADIC ARRAY['a'::text, 'b'::text])")
    );
    assert_eq!(key("app.g(x, 1)"), key("app.g(x, VARIADIC ARRAY[1])"));
    // No spread spelling: an empty array, or an array value.
    assert_ne!(key("g()"), key("g(VARIADIC ARRAY[]::integer[])"));
    assert_ne!(key("g(xs)"), key("g(VARIADIC xs)"));
    assert_ne!(key("g(1, 2)"), key("g(1, 3)"));
}

#[test]
fn a_name_of_public_cast_to_a_reg_type_compares_without_its_schema() {
    // The catalog prints `'public.t'::regclass` under an empty search path.
    assert_eq!(key("'t'::regclass"), key("'public.t'::regclass"));
    assert_eq!(key("'mood'::regtype"), key("'public.mood'::regtype"));
    assert_ne!(key("'t'::regclass"), key("'other.t'::regclass"));
}
