//! `verify --with-data` against the real PostgreSQL 15: generated rows survive the
//! migrations migrator writes (widened types, annotated renames, enum values added, a
//! column retyped under a view), a dropped column is reported as the loss its step
//! declares, and a hand-written file that deletes or rewrites rows fails, naming the file,
//! the table and the column.

use migrator_tests::*;
use std::path::Path;

/// A migrations directory generated from `before`, then upgraded to `after`.
fn generated(dir: &Path, before: &str, after: &str) -> std::path::PathBuf {
    let (b, a) = (dir.join("before.sql"), dir.join("after.sql"));
    std::fs::write(&b, before).unwrap();
    std::fs::write(&a, after).unwrap();
    let m = dir.join("m");
    for schema in [&b, &a] {
        migrator_ok(&[
            "generate",
            "--schema",
            schema.to_str().unwrap(),
            "--migrations",
            m.to_str().unwrap(),
        ]);
    }
    a
}

const BEFORE: &str = "
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    code varchar(10) NOT NULL UNIQUE,
    initial char(1),
    small integer,
    feeling mood NOT NULL,
    status text NOT NULL CHECK (status IN ('new', 'done')),
    score positive,
    tags text[],
    data jsonb,
    uid uuid UNIQUE,
    created timestamptz,
    born date,
    flag boolean,
    blob bytea,
    legacy integer
);
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    account_id integer NOT NULL REFERENCES accounts (id),
    qty numeric(10, 2) NOT NULL CHECK (qty > 5),
    total integer
);
CREATE VIEW order_totals AS SELECT id, total FROM orders;
CREATE TABLE clients (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, mail text);
CREATE TABLE impossible (id integer PRIMARY KEY, code text NOT NULL CHECK (length(code) > 40));
";

const AFTER: &str = "
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    code varchar(50) NOT NULL UNIQUE,
    initial char(1),
    small bigint,
    feeling mood NOT NULL,
    status text NOT NULL CHECK (status IN ('new', 'done')),
    score positive,
    tags text[],
    data jsonb,
    uid uuid UNIQUE,
    created timestamptz,
    born date,
    flag boolean,
    blob bytea
);
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    account_id integer NOT NULL REFERENCES accounts (id),
    qty numeric(10, 2) NOT NULL CHECK (qty > 5),
    total bigint
);
CREATE VIEW order_totals AS SELECT id, total FROM orders;
-- migrator:renamed-from clients
CREATE TABLE customers (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text -- migrator:renamed-from mail
);
CREATE TABLE impossible (id integer PRIMARY KEY, code text NOT NULL CHECK (length(code) > 40));
";

/// Rows survive widened types, renames, enum values added and a retype under a view; the
/// dropped column is a declared loss; a table the generator cannot fill is said, not fatal.
#[test]
fn generated_migrations_keep_the_rows_they_do_not_declare_deleting() {
    let tmp = tempfile::tempdir().unwrap();
    let after = generated(tmp.path(), BEFORE, AFTER);
    let m = tmp.path().join("m");
    let db = TestDb::new("verify_data_keeps");
    let o = migrator_ok(&[
        "verify",
        "--with-data",
        "--dsn",
        &db.dsn,
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    let out = &o.stdout;
    for expected in [
        "seeded public.accounts: 3 rows",
        "seeded public.orders: 3 rows",
        "seeded public.clients: 3 rows",
        "public.accounts: 3 rows, 3 kept; declared loss: the values of column legacy",
        "public.orders: 3 rows, 3 kept",
        "public.clients (now public.customers): 3 rows, 3 kept",
        "verified ",
        ", rows",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
    // The table whose CHECK defeats the generator is named with PostgreSQL's message.
    assert!(
        out.contains("seeded public.impossible: 0 rows; the generator could not fill it")
            && out.contains("violates check constraint \"impossible_code_check\""),
        "{out}"
    );
    assert!(
        !out.contains("declared loss: the values of column mail"),
        "{out}"
    );
}

/// A domain whose base type changes under a column (the column goes through the old base
/// type and back) and a generated column made plain (`DROP EXPRESSION`) keep their rows
/// and values in the up.
#[test]
fn a_rebuilt_domain_and_a_generated_column_made_plain_keep_their_values() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = |base: &str, total: &str| {
        format!(
            "CREATE DOMAIN code AS {base} CHECK (VALUE <> '');\n\
             CREATE TABLE items (id integer PRIMARY KEY, c code NOT NULL, aliases code[],\n\
             qty integer, total integer {total});\n\
             CREATE INDEX items_c ON items (c);\n\
             CREATE VIEW item_codes AS SELECT id, c FROM items;\n"
        )
    };
    let before = schema("varchar(20)", "GENERATED ALWAYS AS (qty * 2) STORED");
    let after = generated(tmp.path(), &before, &schema("text", ""));
    let db = TestDb::new("verify_data_domain_generated");
    let m = tmp.path().join("m");
    let o = migrator_ok(&[
        "verify",
        "--with-data",
        "--dsn",
        &db.dsn,
        "--schema",
        after.to_str().unwrap(),
        "--migrations",
        m.to_str().unwrap(),
    ]);
    // The up keeps every value; its down adds the column again, generated, which is the
    // loss it declares.
    let up = o.stdout.lines().find(|l| l.contains(".up.sql:"));
    assert!(
        o.stdout.contains("seeded public.items: 3 rows")
            && up.is_some_and(|l| l.ends_with("public.items: 3 rows, 3 kept"))
            && o.stdout
                .contains("declared loss: the values of column total"),
        "{}",
        o.stdout
    );
}

/// Two hand-written versions: a table, then `up` (with a `SELECT 1` down).
fn hand_written(dir: &Path, up: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let files = [
        (
            "000001_t.up.sql",
            "CREATE TABLE t (id integer PRIMARY KEY, v text NOT NULL);\n",
        ),
        ("000001_t.down.sql", "DROP TABLE t;\n"),
        ("000002_change.up.sql", up),
        ("000002_change.down.sql", "SELECT 1;\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// An up file that deletes rows or rewrites values without declaring it fails verify
/// --with-data, naming the file, the table and the column; plain verify lets it pass.
#[test]
fn undeclared_row_and_value_losses_fail_with_the_file_table_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    for (label, up, expected) in [
        (
            "deletes",
            "DELETE FROM t WHERE id = (SELECT min(id) FROM t);\n",
            "table public.t: 1 of its 3 rows are gone",
        ),
        (
            "rewrites",
            "UPDATE t SET v = v || '!';\n",
            "table public.t: values of column v changed",
        ),
    ] {
        let m = tmp.path().join(label);
        hand_written(&m, up);
        let ms = m.to_str().unwrap();
        let db = TestDb::new(&format!("verify_data_{label}"));
        migrator_ok(&["verify", "--dsn", &db.dsn, "--migrations", ms]);
        let db = TestDb::new(&format!("verify_data_{label}_rows"));
        let o = migrator(&[
            "verify",
            "--with-data",
            "--dsn",
            &db.dsn,
            "--migrations",
            ms,
        ]);
        assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
        assert!(
            o.stderr.contains(
                "000002_change.up.sql does not keep the rows it does not declare deleting"
            ) && o.stderr.contains(expected),
            "{label}: {}",
            o.stderr
        );
    }
}

/// A hand-written drop of a column is the loss its own change declares: reported, and
/// verify passes; the down brings the column back empty, which the same declaration covers.
#[test]
fn a_hand_written_drop_column_is_a_declared_loss() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    hand_written(&m, "ALTER TABLE t DROP COLUMN v;\n");
    std::fs::write(
        m.join("000002_change.down.sql"),
        "ALTER TABLE t ADD COLUMN v text;\n",
    )
    .unwrap();
    let db = TestDb::new("verify_data_drop");
    let o = migrator_ok(&[
        "verify",
        "--with-data",
        "--dsn",
        &db.dsn,
        "--migrations",
        m.to_str().unwrap(),
    ]);
    for expected in [
        "after 000002_change.up.sql: public.t: 3 rows, 3 kept; declared loss: the values of column v (drop_t_v)",
        "after 000002_change.down.sql: public.t: 3 rows, 3 kept; declared loss:",
    ] {
        assert!(o.stdout.contains(expected), "missing `{expected}` in:\n{}", o.stdout);
    }
}

/// The round-trip pairs the issue names keep their rows under `verify --with-data`: type
/// widening, annotated renames, enum values added and renamed, a column retyped under
/// views, a dropped column (declared), a column dropped from a parent and its inheritors.
#[test]
fn round_trip_pairs_keep_their_rows() {
    for (pair, expected) in [
        (
            "03_drop_columns",
            "declared loss: the values of column legacy_code",
        ),
        ("09_enum_add_values", "3 kept"),
        ("27_views_around_column_changes", "3 kept"),
        (
            "31_renames",
            "public.clients (now public.customers): 3 rows, 3 kept",
        ),
        ("50_enum_value_renamed", "follow the labels of its type"),
        (
            "62_table_inheritance",
            "declared loss: the values of column obsolete",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = pair_dir(pair);
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
        let after = generated(tmp.path(), &read("before.sql"), &read("after.sql"));
        let db = TestDb::new(&format!("verify_data_{pair}"));
        let o = migrator(&[
            "verify",
            "--with-data",
            "--dsn",
            &db.dsn,
            "--schema",
            after.to_str().unwrap(),
            "--migrations",
            tmp.path().join("m").to_str().unwrap(),
        ]);
        assert_eq!(o.code, 0, "{pair}:\n{}{}", o.stdout, o.stderr);
        assert!(
            o.stdout.contains(expected),
            "{pair}: no `{expected}` in\n{}",
            o.stdout
        );
    }
}
