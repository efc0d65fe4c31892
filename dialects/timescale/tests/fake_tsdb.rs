//! `fake_tsdb_current` on a vanilla PostgreSQL 15 (`MIGRATOR_TEST_PG_DSN`, started by
//! `scripts/test`): tables from the database, TimescaleDB objects from the replayed
//! migrations; together they equal the desired schema, so nothing is to be generated.

use migrator_core::dialect::SourceFile;
use migrator_core::diff::diff;
use migrator_core::filter::Filter;
use migrator_timescale::{fake_tsdb_current, load_sql};

const TABLES: &str = "CREATE TABLE fake_devices (id serial PRIMARY KEY, name text);\n\
CREATE TABLE fake_metrics (time timestamptz NOT NULL, device_id integer REFERENCES fake_devices, v double precision);\n\
CREATE INDEX fake_metrics_time_idx ON fake_metrics (time DESC);\n";

const TIMESCALE: &str = "SELECT create_hypertable('fake_metrics', by_range('time', INTERVAL '1 day'));\n\
ALTER TABLE fake_metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id');\n\
SELECT add_compression_policy('fake_metrics', INTERVAL '7 days');\n\
SELECT add_retention_policy('fake_metrics', INTERVAL '1 year');\n";

fn exec(dsn: &str, sql: &str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(dsn, tokio_postgres::NoTls)
            .await
            .unwrap();
        let h = tokio::spawn(conn);
        client.batch_execute(sql).await.unwrap();
        drop(client);
        let _ = h.await;
    });
}

fn with_database(dsn: &str, db: &str) -> String {
    let (base, query) = dsn
        .split_once('?')
        .map_or((dsn, None), |(b, q)| (b, Some(q)));
    let (server, _) = base.rsplit_once('/').unwrap();
    match query {
        Some(q) => format!("{server}/{db}?{q}"),
        None => format!("{server}/{db}"),
    }
}

#[test]
fn tables_from_vanilla_postgres_and_timescale_objects_from_the_replay_equal_the_desired_schema() {
    let admin = std::env::var("MIGRATOR_TEST_PG_DSN")
        .expect("MIGRATOR_TEST_PG_DSN is not set: run the suite with scripts/test");
    let db = format!("t_fake_tsdb_{}", std::process::id());
    exec(&admin, &format!("DROP DATABASE IF EXISTS {db}"));
    exec(&admin, &format!("CREATE DATABASE {db} TEMPLATE template0"));
    let dsn = with_database(&admin, &db);
    exec(&dsn, TABLES);

    let file = |text: String| SourceFile {
        path: "schema.sql".into(),
        text,
    };
    let desired = load_sql(&[file(format!("{TABLES}{TIMESCALE}"))], &Filter::default())
        .unwrap()
        .schema;
    // A replay of timescale migrations that created exactly the desired schema.
    let replayed = load_sql(&[file(format!("{TABLES}{TIMESCALE}"))], &Filter::default())
        .unwrap()
        .schema;
    let current = fake_tsdb_current(&dsn, replayed).unwrap().schema;
    let result = diff(&current, &desired);
    exec(
        &admin,
        &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
    );
    assert!(result.is_empty(), "{result:#?}");
    assert_eq!(current.dialect_objects.len(), 4);
}
