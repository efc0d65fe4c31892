//! Unit tests of the name checks, through the loader as a user's files reach them.

use crate::load::load_files;
use migrator_core::dialect::{LoadError, Loaded, SourceFile};

fn load(files: &[(&str, &str)]) -> Result<Loaded, LoadError> {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(p, t)| SourceFile {
            path: (*p).into(),
            text: (*t).to_string(),
        })
        .collect();
    load_files(&files)
}

fn error_of(files: &[(&str, &str)]) -> String {
    match load(files) {
        Ok(_) => panic!("loaded without an error"),
        Err(e) => e.to_string(),
    }
}

fn warnings_of(files: &[(&str, &str)]) -> Vec<String> {
    let loaded = load(files).unwrap_or_else(|e| panic!("{e}"));
    loaded.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn a_misspelt_column_type_is_an_error_at_its_line() {
    let e = error_of(&[(
        "a.sql",
        "CREATE TABLE a (id int);\n\nCREATE TABLE b (t txet);",
    )]);
    assert!(
        e.starts_with("a.sql:3: type public.txet (column public.b.t) is not built in"),
        "{e}"
    );
}

#[test]
fn a_foreign_key_to_a_table_defined_nowhere_is_an_error() {
    let e = error_of(&[(
        "s.sql",
        "CREATE TABLE a (\n  id int REFERENCES nowhere (id)\n);",
    )]);
    assert!(
        e.starts_with("s.sql:1: foreign key a_id_fkey on public.a references public.nowhere"),
        "{e}"
    );
    // Without a column list the key is resolved later: the check names the line first.
    let e = error_of(&[("s.sql", "CREATE TABLE a (id int REFERENCES nowhere);")]);
    assert!(e.starts_with("s.sql:1: foreign key"), "{e}");
}

#[test]
fn views_reading_relations_defined_nowhere_are_errors_each_named() {
    let e = error_of(&[
        ("v.sql", "CREATE VIEW v AS SELECT * FROM nowhere;"),
        (
            "w.sql",
            "\nCREATE MATERIALIZED VIEW m AS SELECT x FROM other.gone;",
        ),
    ]);
    assert!(
        e.starts_with("v.sql:1: view public.v references public.nowhere"),
        "{e}"
    );
    assert!(
        e.contains("\nerror: w.sql:2: materialized view public.m references other.gone"),
        "{e}"
    );
}

#[test]
fn names_defined_anywhere_in_the_files_resolve_in_any_order() {
    let ok = load(&[
        ("1.sql", "CREATE TABLE b (a_id int REFERENCES a (id), m mood, r a);"),
        (
            "2.sql",
            "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TYPE mood AS ENUM ('x');\n\
             CREATE VIEW v AS SELECT * FROM b JOIN pg_class ON true, information_schema.tables;\n\
             CREATE VIEW w AS WITH c AS (SELECT 1 AS n) SELECT n FROM c;\n\
             CREATE TABLE c (x xid, y regrole, z pg_catalog.int4, s information_schema.sql_identifier);",
        ),
    ]);
    assert!(ok.is_ok(), "{:?}", ok.err());
}

#[test]
fn a_renamed_type_is_judged_by_its_new_name() {
    let ok = load(&[(
        "s.sql",
        "CREATE TYPE mood AS ENUM ('x');\nCREATE TABLE t (m mood);\nALTER TYPE mood RENAME TO feeling;",
    )]);
    assert!(ok.is_ok(), "{:?}", ok.err());
}

#[test]
fn extension_types_and_tables_resolve_when_the_extension_is_declared() {
    let files = [(
        "gis.sql",
        "CREATE EXTENSION postgis;\nCREATE TABLE p (g geometry(Point, 4326), h geography, \
         srid int REFERENCES spatial_ref_sys (srid));\nCREATE VIEW c AS SELECT * FROM geometry_columns;",
    )];
    let loaded = load(&files).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    // Without the CREATE EXTENSION the same columns name types nothing provides.
    let e = error_of(&[("gis.sql", "CREATE TABLE p (g geometry(Point, 4326));")]);
    assert!(e.contains("type public.geometry"), "{e}");
}

#[test]
fn a_known_extension_does_not_excuse_a_name_it_does_not_provide() {
    let e = error_of(&[(
        "s.sql",
        "CREATE EXTENSION postgis;\nCREATE TABLE t (x txet);",
    )]);
    assert!(e.starts_with("s.sql:2: type public.txet"), "{e}");
}

#[test]
fn an_extension_migrator_does_not_know_turns_the_error_into_a_warning() {
    let w = warnings_of(&[(
        "s.sql",
        "CREATE EXTENSION some_vendor_ext;\nCREATE TABLE t (x vendor_type, y int REFERENCES vendor_table (id));",
    )]);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].starts_with("s.sql:2: type public.vendor_type"),
        "{w:?}"
    );
    assert!(
        w[0].contains("extension some_vendor_ext may provide it"),
        "{w:?}"
    );
    assert!(w[1].contains("references public.vendor_table"), "{w:?}");
}

#[test]
fn names_the_filter_leaves_out_are_someone_else_s() {
    use crate::load::load_files_with;
    use migrator_core::filter::{Filter, FilterSpec};
    let sql =
        "CREATE TABLE app_orders (\n    customer_id bigint REFERENCES team_b.customers (id),\n    \
               money team_b.amount\n);\nCREATE VIEW v AS SELECT * FROM team_b.named;";
    let files = [SourceFile {
        path: "app.sql".into(),
        text: sql.to_string(),
    }];
    let filter = |spec: FilterSpec| Filter::new(&spec, &[]).unwrap();
    let outside = filter(FilterSpec {
        schemas: vec!["public".into()],
        ..FilterSpec::default()
    });
    load_files_with(&files, &[], &outside).unwrap_or_else(|e| panic!("{e}"));
    let excluded = filter(FilterSpec {
        exclude: vec!["team_b.*".into()],
        ..FilterSpec::default()
    });
    load_files_with(&files, &[], &excluded).unwrap_or_else(|e| panic!("{e}"));
    // A pattern for another kind leaves the table and the view managed: still errors.
    let types_only = filter(FilterSpec {
        exclude: vec!["type:team_b.*".into()],
        ..FilterSpec::default()
    });
    let e = load_files_with(&files, &[], &types_only)
        .unwrap_err()
        .to_string();
    assert!(e.contains("references team_b.customers"), "{e}");
    assert!(e.contains("references team_b.named"), "{e}");
    assert!(!e.contains("team_b.amount"), "{e}");
}
