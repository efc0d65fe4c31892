//! Loader tests for ordered-set and hypothetical-set aggregates: their identity, their
//! options with PostgreSQL's defaults, and the names `DROP`/`COMMENT ON` give them.

use crate::define::from_catalog;
use crate::load::Loader;
use migrator_core::identity::ObjectId;
use migrator_core::schema::Aggregate;

const SUPPORT: &str = "CREATE FUNCTION collect(float8[], float8) RETURNS float8[] \
                       LANGUAGE sql AS $$ SELECT $1 || $2 $$;\n\
                       CREATE FUNCTION pct_final(float8[], float8, float8) RETURNS float8 \
                       LANGUAGE sql AS $$ SELECT $2 $$;\n";

fn loaded(sql: &str) -> Loader {
    Loader::loaded(&format!("{SUPPORT}{sql}"))
}

fn error(sql: &str) -> String {
    Loader::load_error(&format!("{SUPPORT}{sql}"))
}

fn pct_id() -> ObjectId {
    let f8 = "double precision".to_string();
    ObjectId::ordered_set("public", "pct", vec![f8.clone(), f8], 1)
}

fn only(l: &Loader) -> &Aggregate {
    assert_eq!(l.schema.aggregates.len(), 1);
    l.schema.aggregates.values().next().unwrap()
}

#[test]
fn an_ordered_set_aggregate_is_keyed_by_its_types_and_direct_arguments() {
    let l = loaded(
        "CREATE AGGREGATE pct(fraction float8 ORDER BY float8) (SFUNC = collect, \
         STYPE = float8[], FINALFUNC = pct_final, FINALFUNC_EXTRA, INITCOND = '{}');",
    );
    let a = only(&l);
    assert_eq!(a.id, pct_id());
    assert_eq!(
        a.definition.sql,
        "CREATE AGGREGATE public.pct(fraction double precision ORDER BY double precision) \
         (SFUNC = public.collect, STYPE = double precision[], FINALFUNC = public.pct_final, \
         FINALFUNC_EXTRA, INITCOND = '{}')"
    );
}

#[test]
fn explicit_defaults_of_an_ordered_set_aggregate_compare_equal_to_omitted_ones() {
    let omitted = "CREATE AGGREGATE pct(float8 ORDER BY float8) (SFUNC = collect, \
                   STYPE = float8[], FINALFUNC = pct_final);";
    let explicit = "CREATE AGGREGATE pct(float8 ORDER BY float8) (SFUNC = collect, \
                    STYPE = float8[], FINALFUNC = pct_final, FINALFUNC_MODIFY = read_write, \
                    MFINALFUNC_MODIFY = READ_WRITE, PARALLEL = UNSAFE);";
    let read_only = "CREATE AGGREGATE pct(float8 ORDER BY float8) (SFUNC = collect, \
                     STYPE = float8[], FINALFUNC = pct_final, FINALFUNC_MODIFY = READ_ONLY);";
    let (omitted, explicit) = (loaded(omitted), loaded(explicit));
    assert_eq!(only(&omitted), only(&explicit));
    // READ_ONLY is a plain aggregate's default, not an ordered-set one's.
    let read_only = loaded(read_only);
    assert!(only(&read_only)
        .definition
        .sql
        .contains("FINALFUNC_MODIFY = READ_ONLY"));
}

#[test]
fn the_catalog_text_reads_as_the_file_does() {
    let file = loaded(
        "CREATE AGGREGATE rnk(VARIADIC \"any\" ORDER BY VARIADIC \"any\") (\
         SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final, \
         FINALFUNC_EXTRA, HYPOTHETICAL);",
    );
    let catalog: Aggregate = from_catalog(
        "CREATE AGGREGATE public.rnk(VARIADIC \"any\" ORDER BY VARIADIC \"any\") (\
         SFUNC = pg_catalog.ordered_set_transition_multi, STYPE = internal, \
         FINALFUNC = pg_catalog.rank_final, FINALFUNC_EXTRA, FINALFUNC_MODIFY = READ_WRITE, \
         MFINALFUNC_MODIFY = READ_WRITE, HYPOTHETICAL)",
        crate::kinds::aggregate::define::aggregate,
    )
    .unwrap()
    .unwrap();
    let a = only(&file);
    assert_eq!(a, &catalog);
    assert_eq!(
        a.id,
        ObjectId::ordered_set("public", "rnk", vec!["\"any\"".into()], 1)
    );
    assert_eq!(
        a.id.to_string(),
        "public.rnk(VARIADIC \"any\" ORDER BY VARIADIC \"any\")"
    );
}

#[test]
fn drop_and_comment_name_it_either_way() {
    let create = "CREATE AGGREGATE pct(float8 ORDER BY float8) (SFUNC = collect, \
                  STYPE = float8[], FINALFUNC = pct_final);\n";
    let l = loaded(&format!(
        "{create}COMMENT ON AGGREGATE pct(float8, float8) IS 'run together';"
    ));
    assert_eq!(only(&l).comment.as_deref(), Some("run together"));
    let l = loaded(&format!(
        "{create}COMMENT ON AGGREGATE pct(float8 ORDER BY float8) IS 'with ORDER BY';"
    ));
    assert_eq!(only(&l).comment.as_deref(), Some("with ORDER BY"));
    let l = loaded(&format!(
        "{create}DROP AGGREGATE pct(float8 ORDER BY float8);"
    ));
    assert!(l.schema.aggregates.is_empty());
}

#[test]
fn hypothetical_needs_an_ordered_set_aggregate() {
    let e = error(
        "CREATE AGGREGATE total(float8[], float8) (SFUNC = collect, STYPE = float8[], \
         HYPOTHETICAL);",
    );
    assert!(
        e.contains("only ordered-set aggregates can be HYPOTHETICAL"),
        "{e}"
    );
}

#[test]
fn a_rename_keeps_the_arguments_options_and_comment() {
    let l = loaded(
        "CREATE AGGREGATE pct(float8 ORDER BY float8) (SFUNC = collect, STYPE = float8[], \
         FINALFUNC = pct_final, FINALFUNC_EXTRA);\n\
         COMMENT ON AGGREGATE pct(float8 ORDER BY float8) IS 'a percentile';\n\
         ALTER AGGREGATE pct(float8 ORDER BY float8) RENAME TO percentile;",
    );
    let a = only(&l);
    assert_eq!(
        a.id,
        ObjectId {
            name: "percentile".into(),
            ..pct_id()
        }
    );
    let direct = loaded(
        "CREATE AGGREGATE percentile(float8 ORDER BY float8) (SFUNC = collect, \
         STYPE = float8[], FINALFUNC = pct_final, FINALFUNC_EXTRA);\n\
         COMMENT ON AGGREGATE percentile(float8, float8) IS 'a percentile';",
    );
    assert_eq!(a, only(&direct));
}

#[test]
fn a_rename_under_a_view_is_refused() {
    let e = error(
        "CREATE TABLE t (x float8);\n\
         CREATE AGGREGATE pct(float8 ORDER BY float8) (SFUNC = collect, STYPE = float8[], \
         FINALFUNC = pct_final, FINALFUNC_EXTRA);\n\
         CREATE VIEW v AS SELECT pct(0.5) WITHIN GROUP (ORDER BY x) FROM t;\n\
         ALTER AGGREGATE pct(float8 ORDER BY float8) RENAME TO percentile;",
    );
    assert!(e.contains("the view public.v uses it"), "{e}");
}
