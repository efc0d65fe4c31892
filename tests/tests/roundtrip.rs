//! Round trips against the real PostgreSQL 15: for each fixture pair under `tests/pairs/`,
//! the generated migrations (offline and live) are applied file by file as golang-migrate
//! would, the catalog must equal a database loaded from the desired SQL, a second generate
//! must find nothing, and the down files must bring the catalog back.

use migrator_tests::*;

macro_rules! pairs {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                roundtrip(stringify!($name).trim_start_matches("pair_"));
            }
        )*

        #[test]
        fn every_fixture_pair_has_a_test() {
            let listed = [$(stringify!($name).trim_start_matches("pair_")),*];
            let mut dirs: Vec<String> = std::fs::read_dir(repo_root().join("tests/pairs"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .collect();
            dirs.sort();
            for d in &dirs {
                assert!(listed.contains(&d.as_str()), "tests/pairs/{d} has no test in roundtrip.rs");
            }
            assert!(dirs.len() >= 20, "expected at least 20 fixture pairs");
        }
    };
}

pairs!(
    pair_01_initial_from_empty,
    pair_02_add_columns,
    pair_03_drop_columns,
    pair_04_alter_column_types,
    pair_05_defaults_and_nullability,
    pair_06_identity_columns,
    pair_07_serial_columns,
    pair_08_sequences,
    pair_09_enum_add_values,
    pair_10_enum_remove_value,
    pair_11_primary_and_unique_keys,
    pair_12_foreign_keys,
    pair_13_check_constraints,
    pair_14_exclude_constraints,
    pair_15_indexes,
    pair_16_comments,
    pair_17_schemas,
    pair_18_extensions,
    pair_19_odd_identifiers,
    pair_20_fk_cycle_between_new_tables,
    pair_21_generated_columns,
    pair_22_collations,
    pair_23_many_types,
    pair_24_drop_tables,
    pair_25_pg_dump_style,
    pair_26_views,
    pair_27_views_around_column_changes,
    pair_28_materialized_views,
    pair_29_functions,
    pair_30_triggers,
    pair_31_renames,
    pair_32_domains_and_composite_types,
    pair_33_row_level_security,
    pair_34_partitioned_tables,
    pair_35_cross_schema_fk_cycle,
    pair_36_view_chain_dropped,
    pair_37_function_used_by_check_and_default,
    pair_38_enum_used_in_view_and_function,
    pair_39_table_replaced_with_dependents,
    pair_40_sequences_shared_and_owned,
    pair_41_schema_dropped_with_contents,
    pair_42_composite_type_in_function,
    pair_43_matview_on_view,
    pair_44_everything_from_empty,
    pair_45_unique_repeating_the_primary_key,
    pair_46_implicit_names_unique_per_schema,
    pair_47_key_renamed_under_foreign_keys,
    pair_48_function_recreated_under_defaults_and_checks,
    pair_49_privileges,
    pair_50_enum_value_renamed,
    pair_51_function_recreated_under_views_and_indexes,
    pair_52_extension_version_updated,
    pair_53_privileges_follow_renames,
    pair_54_cross_schema_dependencies_both_ways,
    pair_55_cross_schema_dependencies_from_empty,
    pair_56_function_recreated_under_policies,
    pair_57_enum_values_added_before_and_after,
    pair_58_privileges_on_recreated_objects,
    pair_59_privileges_on_all_in_schema,
    pair_60_operators_and_aggregates,
    pair_61_column_storage,
    pair_62_table_inheritance,
    pair_63_spelling_of_defaults_and_union_views,
    pair_64_routines_and_triggers_changed,
    pair_65_matview_no_data_and_partition_bounds,
    pair_70_foreign_key_columns_change_type,
    pair_71_checks_and_index_expressions_across_type_change,
    pair_72_duplicate_keys_take_no_name,
    pair_73_enum_defaults_move_with_values,
);

/// Two spellings of one schema: neither the offline nor the live path finds a change.
#[test]
fn spelling_differences_are_not_changes() {
    let dir = repo_root().join("tests/noop");
    let before = dir.join("before.sql");
    let after = dir.join("after.sql");
    let (before, after) = (before.to_str().unwrap(), after.to_str().unwrap());
    let want = TestDb::with_sql("noop_ref", &std::fs::read_to_string(before).unwrap()).dump();
    let other = TestDb::with_sql("noop_other", &std::fs::read_to_string(after).unwrap());
    assert_same_catalog(
        &other.dump(),
        &want,
        "the two spellings load the same catalog",
    );

    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let m = m.to_str().unwrap();
    migrator_ok(&["generate", "--schema", before, "--migrations", m]);
    let o = migrator_ok(&["generate", "--schema", after, "--migrations", m]);
    assert_eq!(o.stdout.trim(), "no changes");
    let o = migrator_ok(&[
        "generate",
        "--schema",
        after,
        "--migrations",
        m,
        "--dsn",
        &other.dsn,
    ]);
    assert_eq!(o.stdout.trim(), "no changes");
    let live = TestDb::with_sql("noop_live", &std::fs::read_to_string(before).unwrap());
    let o = migrator_ok(&[
        "generate",
        "--schema",
        after,
        "--migrations",
        m,
        "--dsn",
        &live.dsn,
    ]);
    assert_eq!(o.stdout.trim(), "no changes");
}

/// `inspect --dsn` writes a snapshot that `generate --current` reads back: no changes.
/// `inspect --format sql` prints DDL that recreates the same catalog.
#[test]
fn snapshots_and_sql_output_of_inspect_round_trip() {
    let after = pair_dir("01_initial_from_empty").join("after.sql");
    let sql = std::fs::read_to_string(&after).unwrap();
    let db = TestDb::with_sql("inspect_src", &sql);
    let snapshot = migrator_ok(&["inspect", "--dsn", &db.dsn]).stdout;
    let tmp = tempfile::tempdir().unwrap();
    let current = tmp.path().join("current.json");
    std::fs::write(&current, &snapshot).unwrap();
    let m = tmp.path().join("m");
    let o = migrator_ok(&[
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--current",
        current.to_str().unwrap(),
    ]);
    assert_eq!(o.stdout.trim(), "no changes");

    let ddl = migrator_ok(&["inspect", "--dsn", &db.dsn, "--format", "sql"]).stdout;
    let copy = TestDb::with_sql("inspect_copy", &ddl);
    assert_same_catalog(&copy.dump(), &db.dump(), "inspect --format sql");
}

/// `-- migrator:renamed-from` renames instead of dropping: the rows survive the upgrade.
#[test]
fn renames_keep_the_data() {
    let dir = pair_dir("31_renames");
    let before = std::fs::read_to_string(dir.join("before.sql")).unwrap();
    let db = TestDb::with_sql("renames_data", &before);
    db.exec("INSERT INTO clients VALUES (1, 'Ada Lovelace', 'ada@example.org')")
        .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let after = dir.join("after.sql");
    let o = migrator_ok(&[
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--dsn",
        &db.dsn,
    ]);
    assert!(o.stdout.contains("wrote"));
    for f in migration_files(&m, "up") {
        let sql = std::fs::read_to_string(&f).unwrap();
        assert!(
            !sql.contains("DROP TABLE"),
            "a rename must not drop:\n{sql}"
        );
        apply(&db, &f);
    }
    db.exec("DO $$ BEGIN IF (SELECT display_name || email FROM customers WHERE id = 1) IS DISTINCT FROM 'Ada Lovelaceada@example.org' THEN RAISE 'row lost'; END IF; END $$")
        .expect("the renamed table keeps its row");
}

/// A drop plus an add of the same shape is never turned into a rename silently, but the
/// up file suggests the annotation.
#[test]
fn look_alike_drops_get_a_rename_hint() {
    let tmp = tempfile::tempdir().unwrap();
    let s = tmp.path().join("s.sql");
    let m = tmp.path().join("m");
    std::fs::write(&s, "CREATE TABLE a (id integer, x text);\n").unwrap();
    migrator_ok(&[
        "generate",
        "--schema",
        s.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    std::fs::write(&s, "CREATE TABLE b (id integer, y text);\n").unwrap();
    migrator_ok(&[
        "generate",
        "--schema",
        s.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    let up = std::fs::read_to_string(migration_files(&m, "up").pop().unwrap()).unwrap();
    assert!(
        up.contains("-- hint: table public.a is dropped and public.b created"),
        "{up}"
    );
    assert!(up.contains("DROP TABLE IF EXISTS public.a"), "{up}");
}

/// `migrator verify` proves good migrations and names the version that breaks.
#[test]
fn verify_passes_good_migrations_and_pinpoints_a_broken_one() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let ms = m.to_str().unwrap();
    let pair = pair_dir("12_foreign_keys");
    let (before, after) = (pair.join("before.sql"), pair.join("after.sql"));
    migrator_ok(&[
        "generate",
        "--schema",
        before.to_str().unwrap(),
        "--migrations",
        ms,
    ]);
    migrator_ok(&[
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        ms,
    ]);
    let db = TestDb::new("verify_good");
    let o = migrator_ok(&[
        "verify",
        "--dsn",
        &db.dsn,
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        ms,
    ]);
    assert!(o.stdout.contains("verified 2 migrations"), "{}", o.stdout);

    // A database that is not empty is refused.
    let busy = TestDb::with_sql("verify_busy", "CREATE TABLE x (id integer);");
    let o = migrator(&["verify", "--dsn", &busy.dsn, "--migrations", ms]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("needs an empty scratch database"),
        "{}",
        o.stderr
    );

    // Break the second up file by hand: verify names it.
    let broken = migration_files(&m, "up").pop().unwrap();
    let text = std::fs::read_to_string(&broken).unwrap();
    std::fs::write(
        &broken,
        text.replace(
            "REFERENCES public.parents (code, region)",
            "REFERENCES public.nowhere (code, region)",
        ),
    )
    .unwrap();
    let db = TestDb::new("verify_broken");
    let o = migrator(&["verify", "--dsn", &db.dsn, "--migrations", ms]);
    assert_eq!(o.code, 1);
    let name = broken.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        o.stderr.contains(&name)
            && o.stderr
                .contains("relation \"public.nowhere\" does not exist"),
        "{}",
        o.stderr
    );
}

/// `--fake-tsdb`: TimescaleDB upgrades generated against a plain PostgreSQL that holds the
/// tables, with the TimescaleDB objects taken from the existing timescale migrations.
#[test]
fn fake_tsdb_generates_timescale_upgrades_against_plain_postgres() {
    let example = repo_root().join("examples/metrics/schema");
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("schema");
    std::fs::create_dir_all(&schema).unwrap();
    for f in std::fs::read_dir(&example).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, schema.join(f.file_name().unwrap())).unwrap();
    }
    let m = tmp.path().join("m");
    let (s, ms) = (schema.to_str().unwrap(), m.to_str().unwrap());
    migrator_ok(&[
        "--dialect",
        "timescale",
        "generate",
        "--schema",
        s,
        "--migrations",
        ms,
    ]);
    // The plain database holds what the postgres dialect manages: tables and indexes.
    let tables = std::fs::read_to_string(schema.join("01_tables.sql"))
        .unwrap()
        .replace("CREATE EXTENSION IF NOT EXISTS timescaledb;", "")
        + "CREATE INDEX cpu_metrics_host_time_idx ON cpu_metrics (host_id, time DESC);";
    let db = TestDb::with_sql("fake_tsdb", &tables);
    let fake = [
        "--dialect",
        "timescale",
        "generate",
        "--schema",
        s,
        "--migrations",
        ms,
        "--dsn",
        &db.dsn,
        "--fake-tsdb",
    ];
    let o = migrator_ok(&fake);
    assert_eq!(o.stdout.trim(), "no changes", "{}", o.stderr);
    std::fs::write(
        schema.join("04_more.sql"),
        "ALTER TABLE hosts ADD COLUMN rack text;\n",
    )
    .unwrap();
    let o = migrator_ok(&fake);
    let written: Vec<_> = migration_files(&m, "up")
        .into_iter()
        .filter(|f| o.stdout.contains(&*f.to_string_lossy()))
        .collect();
    assert_eq!(written.len(), 1, "{}", o.stdout);
    let up = std::fs::read_to_string(&written[0]).unwrap();
    assert!(up.contains("ADD COLUMN IF NOT EXISTS rack text"), "{up}");
    assert!(!up.contains("create_hypertable"), "{up}");
}

/// Without `--with-privileges` (nor `with_privileges` in migrator.toml), grants in the SQL
/// and in the database are ignored: nothing is generated for them. With either, they are.
#[test]
fn privileges_are_ignored_without_the_flag() {
    pair_setup("49_privileges");
    let after = pair_dir("49_privileges").join("after.sql");
    let sql = std::fs::read_to_string(&after).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let m = m.to_str().unwrap();
    migrator_ok(&[
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m,
    ]);
    for f in migration_files(std::path::Path::new(m), "up")
        .into_iter()
        .chain(migration_files(std::path::Path::new(m), "down"))
    {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            !text.contains("GRANT") && !text.contains("REVOKE"),
            "{} has privileges without the flag:\n{text}",
            f.display()
        );
    }
    // The database has the grants, the desired SQL has none.
    let db = TestDb::with_sql("privileges_off", &sql);
    let bare: String = sql
        .lines()
        .filter(|l| !l.starts_with("GRANT") && !l.starts_with("REVOKE"))
        .collect::<Vec<_>>()
        .join("\n");
    let bare_path = tmp.path().join("bare.sql");
    std::fs::write(&bare_path, bare).unwrap();
    let bare_path = bare_path.to_str().unwrap();
    let empty = tmp.path().join("e");
    let e = empty.to_str().unwrap();
    let o = migrator_ok(&[
        "generate",
        "--schema",
        bare_path,
        "--migrations",
        e,
        "--dsn",
        &db.dsn,
    ]);
    assert_eq!(o.stdout.trim(), "no changes");
    let o = migrator_ok(&[
        "diff",
        "--schema",
        bare_path,
        "--migrations",
        e,
        "--dsn",
        &db.dsn,
    ]);
    assert_eq!(o.stdout.trim(), "no changes");
    let o = migrator_ok(&[
        "diff",
        "--schema",
        bare_path,
        "--migrations",
        e,
        "--dsn",
        &db.dsn,
        "--with-privileges",
    ]);
    assert!(
        o.stdout
            .contains("REVOKE SELECT ON TABLE app.accounts FROM mt_reader;"),
        "{}",
        o.stdout
    );
    let config = tmp.path().join("migrator.toml");
    std::fs::write(&config, "with_privileges = true\n").unwrap();
    let o = migrator_ok(&[
        "diff",
        "--config",
        config.to_str().unwrap(),
        "--schema",
        bare_path,
        "--migrations",
        e,
        "--dsn",
        &db.dsn,
    ]);
    assert!(
        o.stdout
            .contains("GRANT EXECUTE ON FUNCTION app.total() TO PUBLIC;"),
        "{}",
        o.stdout
    );
}

/// Enum values renamed with `-- migrator:renamed-from` keep their rows: up renames them in
/// place, down renames them back.
#[test]
fn enum_value_rename_keeps_rows() {
    let dir = pair_dir("50_enum_value_renamed");
    let before = std::fs::read_to_string(dir.join("before.sql")).unwrap();
    let db = TestDb::with_sql("enum_rename_rows", &before);
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    let ms = m.to_str().unwrap();
    let after = dir.join("after.sql");
    migrator_ok(&[
        "generate",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        ms,
        "--dsn",
        &db.dsn,
    ]);
    let rows = |want: &str| {
        db.exec(&format!(
            "DO $$ BEGIN IF (SELECT string_agg(feeling::text, ',' ORDER BY id) FROM people) \
             <> '{want}' THEN RAISE EXCEPTION 'rows are %', \
             (SELECT string_agg(feeling::text, ',' ORDER BY id) FROM people); END IF; END $$"
        ))
        .unwrap_or_else(|e| panic!("expected {want}: {e}"));
    };
    for f in migration_files(&m, "up") {
        apply(&db, &f);
    }
    rows("happy,content,content,Furious");
    for f in migration_files(&m, "down") {
        apply(&db, &f);
    }
    rows("happy,sad,sad,angry");
}

/// `verify --with-privileges` compares grants too: migrations written with the flag pass,
/// the same schema's migrations written without it leave the grants out and fail.
#[test]
fn verify_with_privileges_compares_grants() {
    pair_setup("49_privileges");
    let pair = pair_dir("49_privileges");
    let (before, after) = (pair.join("before.sql"), pair.join("after.sql"));
    let (before, after) = (before.to_str().unwrap(), after.to_str().unwrap());
    let tmp = tempfile::tempdir().unwrap();
    for (dir, flag) in [("with", true), ("without", false)] {
        let m = tmp.path().join(dir);
        let ms = m.to_str().unwrap();
        for schema in [before, after] {
            let mut args = vec!["generate", "--schema", schema, "--migrations", ms];
            if flag {
                args.push("--with-privileges");
            }
            migrator_ok(&args);
        }
        let db = TestDb::new(&format!("verify_priv_{dir}"));
        let o = migrator(&[
            "verify",
            "--with-privileges",
            "--dsn",
            &db.dsn,
            "--schema",
            after,
            "--migrations",
            ms,
        ]);
        if flag {
            assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
            assert!(o.stdout.contains("verified 2 migrations"), "{}", o.stdout);
        } else {
            assert_ne!(o.code, 0, "{}", o.stdout);
            assert!(
                o.stderr.contains("still differs") && o.stderr.contains("grant_select_mt_reader"),
                "{}",
                o.stderr
            );
        }
    }
}

/// `inspect --with-privileges`: the JSON snapshot carries the grants and reads back with no
/// change; the SQL output recreates them.
#[test]
fn inspect_with_privileges_round_trips() {
    pair_setup("49_privileges");
    let after = pair_dir("49_privileges").join("after.sql");
    let sql = std::fs::read_to_string(&after).unwrap();
    let db = TestDb::with_sql("inspect_priv_src", &sql);
    let snapshot = migrator_ok(&["inspect", "--with-privileges", "--dsn", &db.dsn]).stdout;
    assert!(
        snapshot.contains("\"privilege\": \"EXECUTE\"") && snapshot.contains("\"revoked\": true"),
        "{snapshot}"
    );
    let plain = migrator_ok(&["inspect", "--dsn", &db.dsn]).stdout;
    assert!(!plain.contains("\"privileges\""), "{plain}");
    let tmp = tempfile::tempdir().unwrap();
    let current = tmp.path().join("current.json");
    std::fs::write(&current, &snapshot).unwrap();
    let m = tmp.path().join("m");
    let o = migrator_ok(&[
        "generate",
        "--with-privileges",
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
        "--current",
        current.to_str().unwrap(),
    ]);
    assert_eq!(o.stdout.trim(), "no changes");

    let ddl = migrator_ok(&[
        "inspect",
        "--with-privileges",
        "--dsn",
        &db.dsn,
        "--format",
        "sql",
    ])
    .stdout;
    let copy = TestDb::with_sql("inspect_priv_copy", &ddl);
    assert_same_catalog(
        &copy.dump_with(true),
        &db.dump_with(true),
        "inspect --with-privileges --format sql",
    );
}

/// An enum value removed while another is added is never taken for a rename, but the up
/// file suggests the annotation; with it, the value is renamed.
#[test]
fn look_alike_enum_values_get_a_rename_hint() {
    let tmp = tempfile::tempdir().unwrap();
    let s = tmp.path().join("s.sql");
    let m = tmp.path().join("m");
    let generate = || {
        migrator_ok(&[
            "generate",
            "--schema",
            s.to_str().unwrap(),
            "--migrations",
            m.to_str().unwrap(),
        ])
    };
    std::fs::write(&s, "CREATE TYPE mood AS ENUM ('happy', 'sad');\n").unwrap();
    generate();
    std::fs::write(&s, "CREATE TYPE mood AS ENUM ('happy', 'content');\n").unwrap();
    generate();
    let up = std::fs::read_to_string(migration_files(&m, "up").pop().unwrap()).unwrap();
    assert!(
        up.contains("-- hint: value 'sad' of type public.mood is removed and 'content' added"),
        "{up}"
    );
    assert!(!up.contains("RENAME VALUE"), "{up}");
    for f in std::fs::read_dir(&m).unwrap() {
        let f = f.unwrap().path();
        if f.to_string_lossy().contains("000002") {
            std::fs::remove_file(f).unwrap();
        }
    }
    std::fs::write(
        &s,
        "CREATE TYPE mood AS ENUM ('happy', 'content' -- migrator:renamed-from 'sad'\n);\n",
    )
    .unwrap();
    generate();
    let up = std::fs::read_to_string(migration_files(&m, "up").pop().unwrap()).unwrap();
    assert!(
        up.contains("ALTER TYPE public.mood RENAME VALUE 'sad' TO 'content';")
            && !up.contains("hint"),
        "{up}"
    );
}
