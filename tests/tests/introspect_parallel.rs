//! Introspection shares its catalog queries with a second connection in the same snapshot:
//! the schema must be the one a single connection reads, and a second connection that
//! cannot be opened must leave introspection on one connection, silently.

use migrator_postgres::introspect::{introspect_as, Reading};
use migrator_tests::*;

/// One of most kinds the catalog queries read, the costly ones (columns, constraints,
/// indexes) on several tables.
/// Some of it in `public`, where a search path other than introspection's would print
/// names unqualified.
const SCHEMA: &str = "
CREATE TYPE state AS ENUM ('new', 'old');
CREATE TABLE plain (id serial PRIMARY KEY, s state NOT NULL DEFAULT 'new' CHECK (s <> 'old'));
CREATE INDEX plain_s ON plain (id) WHERE s <> 'old';
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN app.posint AS integer CHECK (VALUE > 0);
CREATE TYPE app.pair AS (a integer, b text);
CREATE SEQUENCE app.counter START 10 INCREMENT 5;
CREATE TABLE app.parent (
    id bigserial PRIMARY KEY,
    name varchar(40) NOT NULL UNIQUE,
    mood app.mood DEFAULT 'ok',
    n app.posint,
    price numeric(10, 2) CHECK (price >= 0),
    created timestamptz NOT NULL DEFAULT now(),
    tags text[] DEFAULT '{}',
    doc jsonb,
    ident int GENERATED ALWAYS AS IDENTITY (START 3),
    twice int GENERATED ALWAYS AS (n * 2) STORED
);
CREATE TABLE app.child (
    id bigserial PRIMARY KEY,
    parent_id bigint REFERENCES app.parent ON DELETE CASCADE,
    during tstzrange,
    label text COLLATE \"C\",
    UNIQUE (parent_id, label)
);
CREATE INDEX child_label ON app.child (lower(label));
CREATE INDEX child_parent ON app.child (parent_id DESC) WHERE label IS NOT NULL;
CREATE INDEX parent_tags ON app.parent USING gin (tags);
CREATE VIEW app.parent_children AS
    SELECT p.name, c.label FROM app.parent p LEFT JOIN app.child c ON c.parent_id = p.id
    WHERE p.price > 1;
CREATE MATERIALIZED VIEW app.counts AS SELECT parent_id, count(*) AS n FROM app.child GROUP BY 1;
CREATE INDEX counts_parent ON app.counts (parent_id);
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.created := now(); RETURN NEW; END $$;
CREATE TRIGGER parent_touch BEFORE UPDATE ON app.parent FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.child ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON app.child USING (label = current_user);
CREATE AGGREGATE app.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0');
CREATE RULE no_delete AS ON DELETE TO app.parent_children DO INSTEAD NOTHING;
COMMENT ON TABLE app.parent IS 'parents';
COMMENT ON COLUMN app.child.label IS 'a label';
COMMENT ON INDEX app.child_label IS 'by label';
GRANT SELECT ON app.parent TO PUBLIC;
CREATE TABLE app.part (id int, at date NOT NULL DEFAULT current_date) PARTITION BY RANGE (at);
CREATE TABLE app.part_2024 PARTITION OF app.part FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
";

/// More tables of the same shape, so each connection has rows to return.
fn more_tables() -> String {
    (0..40)
        .map(|i| {
            format!(
                "CREATE TABLE app.t{i} (id serial PRIMARY KEY, v numeric CHECK (v > {i}), \
                 at timestamptz DEFAULT now(), up int REFERENCES app.parent(id) DEFERRABLE); \
                 CREATE INDEX ON app.t{i} (at DESC) WHERE v > 0;\n"
            )
        })
        .collect()
}

#[test]
fn two_connections_read_the_schema_one_connection_reads() {
    let db = TestDb::with_sql("parallel_same", &format!("{SCHEMA}{}", more_tables()));
    let (shared, how) = introspect_as(&db.dsn, &[], Reading::Parallel).expect("parallel read");
    assert_eq!(how, Reading::Parallel, "a second connection joined");
    let (single, how) =
        introspect_as(&db.dsn, &[], Reading::OneConnection).expect("single-connection read");
    assert_eq!(how, Reading::OneConnection);
    assert!(
        shared.schema.tables.len() > 40,
        "the schema was read: {:?}",
        shared.schema.tables.keys().collect::<Vec<_>>()
    );
    assert_eq!(shared.warnings, single.warnings);
    assert!(
        shared.schema == single.schema,
        "the two readings differ:\n{}",
        first_difference(&shared.schema, &single.schema)
    );
}

#[test]
fn a_second_connection_refused_leaves_the_reading_on_one() {
    let db = TestDb::with_sql("parallel_fallback", SCHEMA);
    // A role that may hold one connection at a time: the second connection is refused
    // ("too many connections for role"); superusers are exempt from the limit.
    let role = format!("one_conn_{}", std::process::id());
    exec(&pg_dsn(), &format!("DROP ROLE IF EXISTS {role}")).unwrap();
    exec(
        &pg_dsn(),
        &format!("CREATE ROLE {role} LOGIN CONNECTION LIMIT 1"),
    )
    .unwrap();
    let dsn = db.dsn.replacen("postgres@", &format!("{role}@"), 1);
    assert_ne!(dsn, db.dsn, "the role is in the DSN");
    let parallel = introspect_as(&dsn, &[], Reading::Parallel);
    let single = read_once_the_role_is_free(&dsn);
    exec(&pg_dsn(), &format!("DROP ROLE {role}")).unwrap();
    let (shared, how) = parallel.expect("read on one connection despite the refusal");
    assert_eq!(how, Reading::OneConnection, "the fallback was taken");
    let (single, _) = single.expect("single-connection read");
    assert!(shared.schema == single.schema);
    assert!(shared.schema.tables.len() >= 4);
}

/// A single-connection read as `dsn`'s role once its earlier connection has gone:
/// PostgreSQL counts a closed connection against the role's limit until its backend has
/// exited, which happens a moment after the client disconnects.
fn read_once_the_role_is_free(
    dsn: &str,
) -> Result<(migrator_core::dialect::Loaded, Reading), migrator_core::dialect::LoadError> {
    let mut tries = 0;
    loop {
        match introspect_as(dsn, &[], Reading::OneConnection) {
            Err(e) if tries < 50 && format!("{e:?}").contains("SQLSTATE: 53300") => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

/// The first top-level field of the schema's JSON form that differs, for the message.
fn first_difference(
    a: &migrator_core::schema::Schema,
    b: &migrator_core::schema::Schema,
) -> String {
    let (a, b) = (
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(b).unwrap(),
    );
    let (a, b) = (a.as_object().unwrap(), b.as_object().unwrap());
    for (k, v) in a {
        if b.get(k) != Some(v) {
            return format!(
                "{k}:\n{v:#}\nagainst\n{:#}",
                b.get(k).unwrap_or(&serde_json::Value::Null)
            );
        }
    }
    "(same JSON)".into()
}
