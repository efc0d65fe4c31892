//! TimescaleDB round trips: the test server serves one connection at a time, in one
//! database whose `timescaledb` extension already exists, so every pair runs under one
//! process-wide lock and resets the database by dropping what users own (never the
//! extension, which cannot be created twice in the server's life).
//!
//! The catalog is compared through two views, since `pg_dump` (PostgreSQL 15 here) refuses
//! a PostgreSQL 17 server: the schema IR `migrator inspect` reads (tables, columns,
//! constraints, indexes and the TimescaleDB objects), and TimescaleDB's own
//! `timescaledb_information` views queried directly (hypertables, dimensions, compression
//! settings, jobs, continuous aggregate definitions, cagg indexes).

use crate::{exec, migration_files, migrator_ok, repo_root, tsdb_dsn};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

static LOCK: Mutex<()> = Mutex::new(());

/// Holds the TimescaleDB server for one test.
pub fn lock() -> std::sync::MutexGuard<'static, ()> {
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Drops every user object: continuous aggregates, user schemas, and the tables, views,
/// sequences, types and functions in `public` that the extension does not own.
pub const RESET: &str = r#"
DO $reset$
DECLARE r record;
BEGIN
  FOR r IN SELECT view_schema, view_name FROM timescaledb_information.continuous_aggregates LOOP
    EXECUTE format('DROP MATERIALIZED VIEW IF EXISTS %I.%I CASCADE', r.view_schema, r.view_name);
  END LOOP;
  FOR r IN SELECT n.nspname FROM pg_namespace n
            WHERE n.nspname NOT IN ('public', 'pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT LIKE '\_timescaledb%'
              AND n.nspname NOT LIKE 'timescaledb%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e') LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT c.relname, c.relkind FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e') LOOP
    BEGIN
      EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
        CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.relname);
    EXCEPTION WHEN undefined_table OR wrong_object_type THEN NULL;
    END;
  END LOOP;
  FOR r IN SELECT c.relname FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i')) LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.relname);
  END LOOP;
  FOR r IN SELECT t.typname FROM pg_type t
            WHERE t.typnamespace = 'public'::regnamespace AND t.typtype = 'e'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e') LOOP
    EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', r.typname);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') LOOP
    EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', r.f);
  END LOOP;
END
$reset$;
"#;

/// TimescaleDB's view of the catalog, one line per fact, ids and generated names masked.
const FACTS: &str = r#"
SELECT string_agg(line, E'\n' ORDER BY line) FROM (
  SELECT format('hypertable %s.%s dims=%s compression=%s', hypertable_schema, hypertable_name, num_dimensions, compression_enabled) AS line
    FROM timescaledb_information.hypertables WHERE hypertable_schema NOT LIKE '\_timescaledb%'
  UNION ALL
  SELECT format('dimension %s.%s #%s %s %s %s %s %s', hypertable_schema, hypertable_name, dimension_number, column_name, dimension_type, time_interval, integer_interval, num_partitions)
    FROM timescaledb_information.dimensions WHERE hypertable_schema NOT LIKE '\_timescaledb%'
  UNION ALL
  SELECT format('compression %s segmentby=%s orderby=%s', s.hypertable, s.segmentby, s.orderby)
    FROM timescaledb_information.hypertable_compression_settings s
    JOIN timescaledb_information.hypertables h ON format('%I.%I', h.hypertable_schema, h.hypertable_name)::regclass = s.hypertable
   WHERE h.compression_enabled AND h.hypertable_schema NOT LIKE '\_timescaledb%'
  UNION ALL
  SELECT format('job %s %s.%s schedule=%s config=%s', proc_name, hypertable_schema, hypertable_name, schedule_interval, (config::jsonb - 'hypertable_id' - 'mat_hypertable_id')::text)
    FROM timescaledb_information.jobs WHERE proc_schema = '_timescaledb_functions' AND hypertable_name IS NOT NULL
  UNION ALL
  SELECT format('cagg %s.%s materialized_only=%s on %s: %s', view_schema, view_name, materialized_only,
                CASE WHEN hypertable_schema LIKE '\_timescaledb%' THEN 'a cagg' ELSE hypertable_schema || '.' || hypertable_name END,
                regexp_replace(view_definition, '\s+', ' ', 'g'))
    FROM timescaledb_information.continuous_aggregates
  UNION ALL
  SELECT format('cagg index %s.%s %s', c.view_schema, c.view_name, regexp_replace(pg_get_indexdef(i.indexrelid), '_materialized_hypertable_[0-9]+', 'MAT', 'g'))
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN timescaledb_information.continuous_aggregates c
      ON c.materialization_hypertable_schema = n.nspname AND c.materialization_hypertable_name = t.relname
  UNION ALL
  SELECT format('index %s', pg_get_indexdef(i.indexrelid))
    FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE n.nspname NOT LIKE '\_timescaledb%' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
     AND n.nspname NOT LIKE 'timescaledb%'
  UNION ALL
  SELECT 'nothing'
) x
"#;

/// Runs one query returning one text value.
pub fn query_text(dsn: &str, sql: &str) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(dsn, tokio_postgres::NoTls)
            .await
            .expect("connect to TimescaleDB");
        let handle = tokio::spawn(conn);
        let row = client.query_one(sql, &[]).await.expect("catalog query");
        let out: Option<String> = row.get(0);
        drop(client);
        let _ = handle.await;
        out.unwrap_or_default()
    })
}

/// The catalog as the timescale dialect reads it, plus TimescaleDB's own facts.
pub fn snapshot(dsn: &str) -> String {
    let ir = migrator_ok(&["--dialect", "timescale", "inspect", "--dsn", dsn]).stdout;
    let mut ir: serde_json::Value = serde_json::from_str(&ir).expect("inspect prints JSON");
    // PostgreSQL can only append a column: a column a down file restores comes back last.
    if let Some(tables) = ir.get_mut("tables").and_then(|t| t.as_array_mut()) {
        for t in tables {
            if let Some(cols) = t.get_mut("columns").and_then(|c| c.as_array_mut()) {
                cols.sort_by_key(|c| c["name"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    // The extension's version and schema are whatever the server has.
    let pretty = serde_json::to_string_pretty(&ir).unwrap();
    format!("{pretty}\n{}", query_text(dsn, FACTS))
}

/// Statements of a fixture file, one per `;` at the end of a line: each runs alone, since
/// a continuous aggregate created with data cannot share an Exec with anything.
pub fn statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in sql.lines() {
        if line.trim_start().starts_with("--") && cur.trim().is_empty() {
            continue;
        }
        cur.push_str(line);
        cur.push('\n');
        if line.trim_end().ends_with(';') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

/// Resets the database and loads `sql` statement by statement.
pub fn load(dsn: &str, sql: &str) {
    exec(dsn, RESET).expect("reset TimescaleDB");
    for s in statements(sql) {
        exec(dsn, &s).unwrap_or_else(|e| panic!("loading fixture: {e}\n{s}"));
    }
}

pub fn apply_file(dsn: &str, file: &Path) {
    let sql = std::fs::read_to_string(file).expect("read migration");
    exec(dsn, &sql).unwrap_or_else(|e| {
        panic!(
            "applying {} failed: {e}\n--- file ---\n{sql}",
            file.display()
        )
    });
}

/// Applies an up file twice (idempotent DDL): the second Exec must succeed and change
/// nothing.
pub fn apply_up_twice(dsn: &str, file: &Path) {
    apply_file(dsn, file);
    let first = snapshot(dsn);
    apply_file(dsn, file);
    assert_same(
        &snapshot(dsn),
        &first,
        &format!("{} applied a second time", file.display()),
    );
}

pub fn assert_same(actual: &str, expected: &str, what: &str) {
    if actual == expected {
        return;
    }
    let a: Vec<&str> = actual.lines().collect();
    let e: Vec<&str> = expected.lines().collect();
    let mut report = String::new();
    for l in &e {
        if !a.contains(l) {
            report.push_str(&format!("- {l}\n"));
        }
    }
    for l in &a {
        if !e.contains(l) {
            report.push_str(&format!("+ {l}\n"));
        }
    }
    if report.is_empty() {
        report = "(same lines, different order)".into();
    }
    panic!("{what}: catalogs differ (- expected, + actual):\n{report}\n--- actual ---\n{actual}");
}

pub fn pair_dir(name: &str) -> PathBuf {
    repo_root().join("tests/timescale_pairs").join(name)
}

fn generate(args: &[&str]) -> crate::Outcome {
    let mut all = vec!["--dialect", "timescale", "generate"];
    all.extend_from_slice(args);
    migrator_ok(&all)
}

fn down_of(up: &Path) -> PathBuf {
    PathBuf::from(up.to_string_lossy().replace(".up.sql", ".down.sql"))
}

/// The round trip of one pair under `tests/timescale_pairs/<name>/`: `before.sql`
/// (optional), `after.sql`, and `data.sql` (optional rows, loaded once the before state
/// exists, so conversions and compressed chunks meet real data).
///
/// Offline, then live: generate, apply every file as one Exec, compare with a database
/// loaded from the desired SQL, generate again (nothing), apply the downs, compare again.
pub fn roundtrip(name: &str) {
    let _guard = lock();
    let dsn = tsdb_dsn();
    let dir = pair_dir(name);
    let before_path = dir.join("before.sql");
    let after_path = dir.join("after.sql");
    let before_sql = std::fs::read_to_string(&before_path).unwrap_or_default();
    let after_sql = std::fs::read_to_string(&after_path).expect("after.sql");
    let data_sql = std::fs::read_to_string(dir.join("data.sql")).unwrap_or_default();
    let has_before = !before_sql.trim().is_empty();
    let before = before_path.to_str().unwrap().to_string();
    let after = after_path.to_str().unwrap().to_string();

    load(&dsn, "");
    let empty = snapshot(&dsn);
    load(&dsn, &before_sql);
    let want_before = snapshot(&dsn);
    load(&dsn, &after_sql);
    let want_after = snapshot(&dsn);

    // Offline: initial migration from before.sql, upgrade by replaying it.
    load(&dsn, "");
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("migrations");
    let ms = m.to_str().unwrap();
    if has_before {
        generate(&["--schema", &before, "--migrations", ms]);
    }
    let initial = migration_files(&m, "up");
    let o = generate(&["--schema", &after, "--migrations", ms, "--name", "upgrade"]);
    assert!(
        o.stdout.contains("wrote"),
        "{name}: offline upgrade wrote nothing: {}",
        o.stdout
    );
    for f in &initial {
        apply_up_twice(&dsn, f);
    }
    assert_same(
        &snapshot(&dsn),
        &want_before,
        &format!("{name}: offline initial migration"),
    );
    for s in statements(&data_sql) {
        exec(&dsn, &s).unwrap_or_else(|e| panic!("{name}: data.sql: {e}"));
    }
    for f in migration_files(&m, "up")
        .iter()
        .filter(|f| !initial.contains(f))
    {
        apply_up_twice(&dsn, f);
    }
    assert_same(
        &snapshot(&dsn),
        &want_after,
        &format!("{name}: offline upgrade"),
    );
    let again = generate(&["--schema", &after, "--migrations", ms]);
    assert_eq!(
        again.stdout.trim(),
        "no changes",
        "{name}: second offline generate"
    );
    let again = generate(&["--schema", &after, "--migrations", ms, "--dsn", &dsn]);
    assert_eq!(
        again.stdout.trim(),
        "no changes",
        "{name}: live generate after the offline upgrade"
    );
    let initial_downs: Vec<PathBuf> = initial.iter().map(|p| down_of(p)).collect();
    for f in migration_files(&m, "down")
        .iter()
        .filter(|f| !initial_downs.contains(f))
    {
        apply_file(&dsn, f);
    }
    assert_same(
        &snapshot(&dsn),
        &want_before,
        &format!("{name}: offline downgrade"),
    );
    for f in migration_files(&m, "down")
        .iter()
        .filter(|f| initial_downs.contains(f))
    {
        apply_file(&dsn, f);
    }
    assert_same(
        &snapshot(&dsn),
        &empty,
        &format!("{name}: offline downgrade to empty"),
    );

    // Live: the current schema comes from the database itself.
    load(&dsn, &before_sql);
    for s in statements(&data_sql) {
        exec(&dsn, &s).unwrap_or_else(|e| panic!("{name}: data.sql: {e}"));
    }
    let tmp2 = tempfile::tempdir().unwrap();
    let n = tmp2.path().join("migrations");
    let ns = n.to_str().unwrap();
    generate(&["--schema", &after, "--migrations", ns, "--dsn", &dsn]);
    for f in migration_files(&n, "up") {
        apply_up_twice(&dsn, &f);
    }
    assert_same(
        &snapshot(&dsn),
        &want_after,
        &format!("{name}: live upgrade"),
    );
    let again = generate(&["--schema", &after, "--migrations", ns, "--dsn", &dsn]);
    assert_eq!(
        again.stdout.trim(),
        "no changes",
        "{name}: second live generate"
    );
    for f in migration_files(&n, "down") {
        apply_file(&dsn, &f);
    }
    assert_same(
        &snapshot(&dsn),
        &want_before,
        &format!("{name}: live downgrade"),
    );
    load(&dsn, "");
}

/// The migration files of a generate, concatenated (for assertions on their text).
pub fn files_text(dir: &Path) -> String {
    let mut out = String::new();
    for f in migration_files(dir, "up")
        .into_iter()
        .chain(migration_files(dir, "down"))
    {
        out.push_str(&format!(
            "==> {}\n",
            f.file_name().unwrap().to_string_lossy()
        ));
        out.push_str(&std::fs::read_to_string(&f).unwrap());
    }
    out
}
