//! The loader's reading of TimescaleDB statements that change what `create_hypertable`
//! made: nullability of dimension columns, partitions, `integer_now` functions, and the
//! job calls that must not be dropped silently.

use crate::objects::*;
use migrator_core::dialect::SourceFile;
use migrator_core::filter::Filter;
use migrator_core::schema::{QualifiedName, Schema};

fn load(sql: &str) -> Result<Schema, String> {
    let file = SourceFile {
        path: "schema.sql".into(),
        text: sql.to_string(),
    };
    crate::load_sql(&[file], &Filter::default())
        .map(|l| l.schema)
        .map_err(|e| e.to_string())
}

fn hypertable(schema: &Schema, table: &str) -> Hypertable {
    let (s, n) = table.split_once('.').unwrap();
    let k = table_key(HYPERTABLE, &QualifiedName::new(s, n));
    payload(&schema.dialect_objects[&object_id(&k)]).unwrap()
}

fn not_null(schema: &Schema, table: &str, column: &str) -> bool {
    let (s, n) = table.split_once('.').unwrap();
    schema.tables[&QualifiedName::new(s, n)]
        .column(column)
        .unwrap()
        .not_null
}

#[test]
fn range_dimension_columns_become_not_null_and_hash_ones_do_not() {
    let s = load(
        "CREATE TABLE t (ts timestamptz, b int, d text, v int);\n\
         SELECT * FROM create_hypertable('t', 'ts', 'd', 2);\n\
         SELECT add_dimension('t', by_range('b', 10));\n",
    )
    .unwrap();
    assert!(not_null(&s, "public.t", "ts"));
    assert!(not_null(&s, "public.t", "b"));
    assert!(!not_null(&s, "public.t", "d"));
}

#[test]
fn set_number_partitions_changes_the_hash_dimension() {
    let base = "CREATE TABLE t (ts timestamptz NOT NULL, d text, e text);\n\
                SELECT create_hypertable('t', by_range('ts'));\n\
                SELECT add_dimension('t', by_hash('d', 2));\n";
    let s = load(&format!("{base}SELECT set_number_partitions('t', 6);\n")).unwrap();
    assert_eq!(
        hypertable(&s, "public.t").dimensions,
        vec![Dimension::Hash {
            column: "d".into(),
            partitions: 6
        }]
    );
    let two = format!("{base}SELECT add_dimension('t', by_hash('e', 2));\n");
    let e = load(&format!("{two}SELECT set_number_partitions('t', 6);\n")).unwrap_err();
    assert!(e.contains("dimension_name"), "{e}");
    let s = load(&format!(
        "{two}SELECT set_number_partitions('t', 3, dimension_name => 'e');\n"
    ))
    .unwrap();
    assert!(matches!(
        hypertable(&s, "public.t").dimensions[1],
        Dimension::Hash { partitions: 3, .. }
    ));
}

#[test]
fn set_integer_now_func_resolves_the_function_and_the_hypertable_depends_on_it() {
    let s = load(
        "CREATE SCHEMA app;\nSET search_path TO app, public;\n\
         CREATE TABLE t (n bigint NOT NULL);\n\
         SELECT create_hypertable('t', by_range('n', 100));\n\
         CREATE FUNCTION now_n() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT 1::bigint $$;\n\
         SELECT set_integer_now_func('t', 'now_n');\n",
    )
    .unwrap();
    let f = QualifiedName::new("app", "now_n");
    assert_eq!(hypertable(&s, "app.t").integer_now_func, Some(f.clone()));
    let k = table_key(HYPERTABLE, &QualifiedName::new("app", "t"));
    assert!(s.dialect_objects[&object_id(&k)].depends_on.contains(&f));
    let again = "CREATE TABLE t (n bigint NOT NULL);\n\
                 SELECT create_hypertable('t', by_range('n', 100));\n\
                 SELECT set_integer_now_func('t', 'f');\nSELECT set_integer_now_func('t', 'g');\n";
    assert!(load(again).unwrap_err().contains("replace_if_exists"));
    let time = "CREATE TABLE t (ts timestamptz NOT NULL);\n\
                SELECT create_hypertable('t', by_range('ts'));\n\
                SELECT set_integer_now_func('t', 'f');\n";
    assert!(load(time).unwrap_err().contains("not an integer"));
}

#[test]
fn alter_job_may_tune_a_job_but_not_change_a_policy() {
    let base = "CREATE TABLE t (ts timestamptz NOT NULL);\n\
                SELECT create_hypertable('t', by_range('ts'));\n";
    assert!(load(&format!(
        "{base}SELECT alter_job(1000, scheduled => false, max_retries => 3);\n"
    ))
    .is_ok());
    let e = load(&format!(
        "{base}SELECT alter_job(j.job_id, config => '{{}}') FROM timescaledb_information.jobs j;\n"
    ))
    .unwrap_err();
    assert!(e.contains("alter_job: config"), "{e}");
}

#[test]
fn create_table_with_tsdb_options_makes_the_hypertable_compression_and_policy() {
    let s = load(
        "CREATE TABLE m (ts timestamptz, d int) WITH (tsdb.hypertable, tsdb.chunk_interval = '1 day', tsdb.segmentby = 'd');\n",
    )
    .unwrap();
    let h = hypertable(&s, "public.m");
    assert_eq!(
        (h.time_column.as_str(), h.chunk_interval),
        ("ts", 86_400_000_000)
    );
    assert!(not_null(&s, "public.m", "ts"));
    let t = QualifiedName::new("public", "m");
    let c: Compression =
        payload(&s.dialect_objects[&object_id(&table_key(COMPRESSION, &t))]).unwrap();
    assert_eq!(c.segmentby, vec!["d".to_string()]);
    let p: ChunkPolicy =
        payload(&s.dialect_objects[&object_id(&table_key(COMPRESSION_POLICY, &t))]).unwrap();
    assert_eq!(p.lag, Lag::Interval("1 day".into()));
    assert!(s.indexes.values().any(|i| i.table == t));
    let e = load("CREATE TABLE m (n int, d date) WITH (tsdb.hypertable);\n").unwrap_err();
    assert!(e.contains("tsdb.partition_column"), "{e}");
}

#[test]
fn a_renamed_hypertable_or_column_takes_its_objects_along() {
    let s = load(
        "CREATE TABLE m (ts timestamptz NOT NULL, dev int);\n\
         SELECT create_hypertable('m', by_range('ts'));\n\
         ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'dev', timescaledb.compress_orderby = 'ts DESC');\n\
         SELECT add_compression_policy('m', INTERVAL '1 day');\n\
         ALTER TABLE m RENAME TO n;\nALTER TABLE n RENAME COLUMN ts TO \"Time\";\n\
         ALTER TABLE n RENAME COLUMN dev TO device;\n",
    )
    .unwrap();
    let t = QualifiedName::new("public", "n");
    assert_eq!(hypertable(&s, "public.n").time_column, "Time");
    let c: Compression =
        payload(&s.dialect_objects[&object_id(&table_key(COMPRESSION, &t))]).unwrap();
    assert_eq!(
        (c.segmentby, c.orderby),
        (
            vec!["device".to_string()],
            vec!["\"Time\" DESC".to_string()]
        )
    );
    let p = &s.dialect_objects[&object_id(&table_key(COMPRESSION_POLICY, &t))];
    assert_eq!(p.depends_on, vec![t.clone()]);
    assert_eq!(p.after, vec![table_key(COMPRESSION, &t)]);
    assert_eq!(s.dialect_objects.len(), 3);
    let cagg = "CREATE TABLE m (ts timestamptz NOT NULL);\n\
                SELECT create_hypertable('m', by_range('ts'));\n\
                CREATE MATERIALIZED VIEW c WITH (timescaledb.continuous) AS \
                SELECT time_bucket('1 hour', ts) AS b, count(*) FROM m GROUP BY 1;\n\
                ALTER TABLE m RENAME TO n;\n";
    assert!(load(cagg)
        .unwrap_err()
        .contains("continuous aggregate public.c"));
}

#[test]
fn a_reorder_policy_needs_an_index_of_its_hypertable_and_depends_on_it() {
    let base = "CREATE TABLE t (ts timestamptz NOT NULL, d int);\n\
                SELECT create_hypertable('t', by_range('ts'));\n\
                CREATE INDEX t_d ON t (d, ts);\n";
    let s = load(&format!("{base}SELECT add_reorder_policy('t', 't_d');\n")).unwrap();
    let t = QualifiedName::new("public", "t");
    let o = &s.dialect_objects[&object_id(&table_key(REORDER_POLICY, &t))];
    assert!(o.depends_on.contains(&QualifiedName::new("public", "t_d")));
    let e = load(&format!("{base}SELECT add_reorder_policy('t', 'nope');\n")).unwrap_err();
    assert!(e.contains("has no index nope"), "{e}");
    let gone = load(&format!(
        "{base}SELECT add_reorder_policy('t', 't_d');\nSELECT remove_reorder_policy('t');\n"
    ))
    .unwrap();
    assert!(!gone
        .dialect_objects
        .contains_key(&object_id(&table_key(REORDER_POLICY, &t))));
}

#[test]
fn create_group_indexes_false_is_kept_only_where_it_makes_a_difference() {
    let cagg = |with: &str, groups: &str| {
        let s = load(&format!(
            "CREATE TABLE m (ts timestamptz NOT NULL, d int, v int);\n\
             SELECT create_hypertable('m', by_range('ts'));\n\
             CREATE MATERIALIZED VIEW c WITH (timescaledb.continuous{with}) AS \
             SELECT time_bucket('1 hour', ts) AS b{groups}, sum(v) AS s FROM m GROUP BY 1{};\n",
            if groups.is_empty() { "" } else { ", 2" }
        ))
        .unwrap();
        let (k, c) = find_cagg(&s, &QualifiedName::new("public", "c")).unwrap();
        (k, c.create_group_indexes)
    };
    let off = ", timescaledb.create_group_indexes = false";
    let (k_on, on) = cagg("", ", d");
    let (k_off, no) = cagg(off, ", d");
    assert!(on && !no);
    assert_ne!(k_on, k_off, "a change recreates the cagg");
    assert_eq!(cagg(off, ""), cagg("", ""));
}

#[test]
fn compression_settings_need_the_columns_they_name() {
    let s = load(
        "CREATE TABLE m (ts timestamptz NOT NULL, d int, e int);\n\
         SELECT create_hypertable('m', by_range('ts'));\n\
         ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'd', timescaledb.compress_orderby = 'e NULLS FIRST, ts DESC');\n\
         ALTER TABLE m RENAME COLUMN d TO \"D\";\n",
    )
    .unwrap();
    let t = QualifiedName::new("public", "m");
    let o = &s.dialect_objects[&object_id(&table_key(COMPRESSION, &t))];
    let cols: Vec<&str> = o.columns.iter().map(|c| c.column.as_str()).collect();
    assert_eq!(cols, ["D", "e", "ts"]);
}
