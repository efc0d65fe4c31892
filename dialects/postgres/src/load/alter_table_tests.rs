//! Loader tests for the sub-commands of `ALTER TABLE` (and of `ALTER INDEX | VIEW |
//! MATERIALIZED VIEW | SEQUENCE`): each is modelled, refused with its file:line, or said to
//! be skipped; none vanishes.

use super::Loader;
use migrator_core::kinds::{ConstraintKind, ReplicaIdentity, TriggerState};
use migrator_core::schema::QualifiedName;

fn loaded(sql: &str) -> Loader {
    Loader::loaded(sql)
}

fn error(sql: &str) -> String {
    Loader::load_error(sql)
}

fn t() -> QualifiedName {
    QualifiedName::new("public", "t")
}

#[test]
fn a_key_using_an_index_takes_its_columns_and_the_index_goes() {
    let l = loaded(
        "CREATE TABLE t (a int, b int, c int);\n\
         CREATE UNIQUE INDEX t_ab ON t (a, b) INCLUDE (c);\n\
         ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_ab;\n\
         CREATE UNIQUE INDEX t_c ON t (c);\n\
         ALTER TABLE t ADD UNIQUE USING INDEX t_c;\n",
    );
    let table = &l.schema.tables[&t()];
    assert_eq!(
        table.constraints["t_pkey"].kind,
        ConstraintKind::PrimaryKey {
            columns: vec!["a".into(), "b".into()],
            include: vec!["c".into()],
        }
    );
    assert!(table.column("a").unwrap().not_null);
    // Unnamed, the key takes the index's name.
    assert!(table.constraints.contains_key("t_c"));
    assert!(l.schema.indexes.is_empty());
}

#[test]
fn a_key_using_an_index_postgres_refuses_is_an_error_at_its_line() {
    let table = "CREATE TABLE t (a int, b int);\n";
    for (index, why) in [
        ("CREATE INDEX i ON t (a);", "must be a unique btree index"),
        (
            "CREATE UNIQUE INDEX i ON t (a) WHERE b > 0;",
            "must not be partial",
        ),
        ("CREATE UNIQUE INDEX i ON t (a DESC);", "default order"),
        ("CREATE UNIQUE INDEX i ON t ((a + b));", "plain column"),
    ] {
        let e = error(&format!(
            "{table}{index}\nALTER TABLE t ADD PRIMARY KEY USING INDEX i;"
        ));
        assert!(e.starts_with("f.sql:3: USING INDEX public.i"), "{e}");
        assert!(e.contains(why), "{e}");
    }
}

#[test]
fn not_valid_lasts_until_validate_constraint() {
    let l = loaded(
        "CREATE TABLE t (a int);\n\
         ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID;\n\
         ALTER TABLE t ADD CONSTRAINT a_small CHECK (a < 9) NOT VALID;\n\
         ALTER TABLE t VALIDATE CONSTRAINT a_small;\n",
    );
    let c = &l.schema.tables[&t()].constraints;
    assert!(c["a_pos"].not_valid);
    assert!(!c["a_small"].not_valid);
    // In CREATE TABLE, PostgreSQL marks it valid: the table is empty.
    let l = loaded("CREATE TABLE t (a int, CONSTRAINT a_pos CHECK (a > 0) NOT VALID);");
    assert!(!l.schema.tables[&t()].constraints["a_pos"].not_valid);
    assert_eq!(
        error("CREATE TABLE t (a int);\nALTER TABLE t ADD UNIQUE (a) NOT VALID;"),
        "f.sql:2: UNIQUE constraints cannot be marked NOT VALID"
    );
}

#[test]
fn replica_identity_names_a_unique_index_or_key_of_the_table() {
    let l = loaded(
        "CREATE TABLE t (a int NOT NULL);\n\
         CREATE UNIQUE INDEX t_a ON t (a);\n\
         ALTER TABLE t REPLICA IDENTITY USING INDEX t_a;\n",
    );
    assert_eq!(
        l.schema.tables[&t()].replica_identity,
        ReplicaIdentity::Index("t_a".into())
    );
    let e = error(
        "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\n\
         ALTER TABLE t REPLICA IDENTITY USING INDEX t_a;",
    );
    assert!(
        e.starts_with("f.sql:3: REPLICA IDENTITY USING INDEX"),
        "{e}"
    );
}

#[test]
fn trigger_switches_reach_the_named_or_all_user_triggers() {
    let l = loaded(
        "CREATE TABLE t (a int);\n\
         CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n\
         CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n\
         CREATE TRIGGER y BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n\
         ALTER TABLE t DISABLE TRIGGER USER;\n\
         ALTER TABLE t ENABLE REPLICA TRIGGER y;\n",
    );
    let states: Vec<TriggerState> = l.schema.triggers.values().map(|t| t.state).collect();
    assert_eq!(states, [TriggerState::Disabled, TriggerState::Replica]);
}

#[test]
fn a_restart_or_start_outside_the_bounds_is_refused_as_postgres_does() {
    let table = "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY (MINVALUE 10));\n";
    assert_eq!(
        error(&format!("{table}ALTER TABLE t ALTER id RESTART WITH 5;")),
        "f.sql:2: RESTART value (5) cannot be less than MINVALUE (10)"
    );
    assert_eq!(
        error("CREATE SEQUENCE s MINVALUE 10 START 1;"),
        "f.sql:1: START value (1) cannot be less than MINVALUE (10)"
    );
    // Within the bounds, RESTART is data: said, not kept.
    let l = loaded(&format!(
        "{table}ALTER TABLE t ALTER id SET INCREMENT BY 5 RESTART WITH 20;"
    ));
    let id = l.schema.tables[&t()].column("id").unwrap().clone();
    assert_eq!(id.identity.unwrap().options.increment, 5);
    assert!(l.warnings.iter().any(|w| w.message.contains("RESTART")));
}

#[test]
fn a_column_dropped_from_only_the_parent_stays_the_childs_own() {
    let l = loaded(
        "CREATE TABLE t (a int, e int);\n\
         CREATE TABLE c (b int) INHERITS (t);\n\
         CREATE TABLE d (b int) INHERITS (t);\n\
         ALTER TABLE ONLY t DROP COLUMN e;\n\
         ALTER TABLE t DROP COLUMN a;\n",
    );
    assert!(l.schema.tables[&t()].column("e").is_none());
    for child in ["c", "d"] {
        let table = &l.schema.tables[&QualifiedName::new("public", child)];
        let e = table.column("e").expect("e stays in the child");
        assert!(!e.inherited, "{child}: e is the child's own now");
        assert!(
            table.column("a").is_none(),
            "{child}: a goes with the parent's"
        );
    }
}

#[test]
fn roles_are_cluster_wide_and_skipped_with_one_warning() {
    let l = loaded(
        "CREATE ROLE app_user;\n\
         CREATE USER reader;\n\
         ALTER ROLE app_user SET search_path = app;\n\
         CREATE TABLE t (a int);\n\
         DROP ROLE IF EXISTS old_user;\n",
    );
    let said: Vec<&str> = l.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("ROLE"), "{said:?}");
    assert!(l.schema.tables.contains_key(&t()));
}

#[test]
fn what_is_not_managed_is_said_once() {
    let l = loaded(
        "CREATE TABLE t (a int);\n\
         ALTER TABLE t OWNER TO someone;\n\
         ALTER TABLE t OWNER TO someone_else;\n\
         ALTER TABLE t ALTER a SET STATISTICS 500;\n\
         ALTER TABLE t ALTER a SET (n_distinct = 10);\n\
         CREATE INDEX t_a ON t (a);\n\
         ALTER TABLE t CLUSTER ON t_a;\n\
         ALTER INDEX t_a SET (fillfactor = 70);\n",
    );
    let said: Vec<&str> = l.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(said.iter().filter(|m| m.contains("OWNER TO")).count(), 1);
    assert_eq!(said.len(), 1, "{said:?}");
    // Statistics targets, attribute options, the clustering index and an index's storage
    // parameters are modelled.
    assert_eq!(l.schema.tables[&t()].cluster_on.as_deref(), Some("t_a"));
    let a = l.schema.tables[&t()].column("a").unwrap().clone();
    assert_eq!(a.statistics, Some(500));
    assert_eq!(a.options, [("n_distinct".to_string(), "10".to_string())]);
    let i = &l.schema.indexes[&QualifiedName::new("public", "t_a")];
    assert_eq!(i.with, [("fillfactor".to_string(), "70".to_string())]);
}

#[test]
fn a_comment_on_a_keys_index_is_the_keys_index_comment() {
    let l = loaded(
        "CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int CHECK (c > 0));\n\
         COMMENT ON INDEX t_pkey IS 'by a';\n\
         COMMENT ON CONSTRAINT t_pkey ON t IS 'the key';\n\
         COMMENT ON INDEX public.t_b_key IS 'gone again';\n\
         COMMENT ON INDEX t_b_key IS NULL;\n\
         CREATE UNIQUE INDEX t_c ON t (c);\n\
         COMMENT ON INDEX t_c IS 'kept by the key';\n\
         ALTER TABLE t ADD CONSTRAINT t_c_key UNIQUE USING INDEX t_c;\n\
         CREATE TABLE u (LIKE t INCLUDING ALL);\n\
         CREATE TABLE v (LIKE t INCLUDING INDEXES);\n",
    );
    let keys = &l.schema.tables[&t()].constraints;
    assert_eq!(keys["t_pkey"].index_comment.as_deref(), Some("by a"));
    assert_eq!(keys["t_pkey"].comment.as_deref(), Some("the key"));
    assert_eq!(keys["t_b_key"].index_comment, None);
    // PostgreSQL keeps an index's comment when the index becomes a key's.
    assert_eq!(
        keys["t_c_key"].index_comment.as_deref(),
        Some("kept by the key")
    );
    // `INCLUDING COMMENTS` copies the index's comment, not the constraint's.
    let u = &l.schema.tables[&QualifiedName::new("public", "u")].constraints;
    assert_eq!(u["u_pkey"].index_comment.as_deref(), Some("by a"));
    assert_eq!(u["u_pkey"].comment, None);
    let v = &l.schema.tables[&QualifiedName::new("public", "v")].constraints;
    assert_eq!(v["v_pkey"].index_comment, None);
    // A CHECK has no index.
    let e = error("CREATE TABLE t (c int CHECK (c > 0));\nCOMMENT ON INDEX t_c_check IS 'x';");
    assert!(e.starts_with("f.sql:2:"), "{e}");
}

#[test]
fn drop_expression_leaves_a_plain_column_and_refuses_a_plain_one() {
    let table = "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED, c int);\n";
    let l = loaded(&format!(
        "{table}ALTER TABLE t ALTER COLUMN b DROP EXPRESSION;\n\
         ALTER TABLE t ALTER COLUMN c DROP EXPRESSION IF EXISTS;\n"
    ));
    assert!(l.schema.tables[&t()]
        .column("b")
        .unwrap()
        .generated
        .is_none());
    let e = error(&format!(
        "{table}ALTER TABLE t ALTER COLUMN c DROP EXPRESSION;\n"
    ));
    assert!(
        e.contains("not a generated column") && e.contains(":2"),
        "{e}"
    );
}

#[test]
fn a_materialized_view_s_storage_parameters_and_clustering_index_are_modelled() {
    let l = loaded(
        "CREATE TABLE t (a int, b text);\n\
         CREATE MATERIALIZED VIEW mv WITH (fillfactor = 70, toast.autovacuum_enabled = false) AS SELECT a, b FROM t;\n\
         ALTER MATERIALIZED VIEW mv SET (autovacuum_enabled = off), RESET (fillfactor);\n\
         CREATE INDEX mv_a ON mv (a);\n\
         CREATE INDEX mv_b ON mv (b);\n\
         ALTER MATERIALIZED VIEW mv CLUSTER ON mv_a;\n\
         ALTER INDEX mv_a RENAME TO mv_a_idx;\n\
         CREATE MATERIALIZED VIEW mv2 AS SELECT a FROM t;\n\
         CREATE INDEX mv2_a ON mv2 (a);\n\
         ALTER MATERIALIZED VIEW mv2 CLUSTER ON mv2_a;\n\
         ALTER MATERIALIZED VIEW mv2 SET WITHOUT CLUSTER;\n\
         ALTER TABLE mv2 SET (fillfactor = 60);\n\
         ALTER MATERIALIZED VIEW mv2 ALTER COLUMN a SET STATISTICS 300;\n\
         ALTER MATERIALIZED VIEW mv2 ALTER COLUMN a SET (n_distinct = 5, n_distinct_inherited = 6);\n\
         ALTER MATERIALIZED VIEW mv2 ALTER COLUMN a RESET (n_distinct);\n",
    );
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let mv = &l.schema.views[&QualifiedName::new("public", "mv")];
    let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        mv.storage_parameters,
        pairs(&[
            ("toast.autovacuum_enabled", "false"),
            ("autovacuum_enabled", "off")
        ])
    );
    // The clustering index follows its rename.
    assert_eq!(mv.cluster_on.as_deref(), Some("mv_a_idx"));
    // `ALTER TABLE` on a materialized view is its `ALTER MATERIALIZED VIEW`.
    let mv2 = &l.schema.views[&QualifiedName::new("public", "mv2")];
    assert_eq!(mv2.cluster_on, None);
    assert_eq!(mv2.storage_parameters, pairs(&[("fillfactor", "60")]));
    assert_eq!(mv2.column_statistics.get("a"), Some(&300));
    assert_eq!(
        mv2.column_options.get("a"),
        Some(&pairs(&[("n_distinct_inherited", "6")]))
    );
    // Dropping the index forgets it, as PostgreSQL does.
    let l = loaded(
        "CREATE TABLE t (a int);\n\
         CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;\n\
         CREATE INDEX mv_a ON mv (a);\n\
         ALTER MATERIALIZED VIEW mv CLUSTER ON mv_a;\n\
         DROP INDEX mv_a;\n",
    );
    assert_eq!(
        l.schema.views[&QualifiedName::new("public", "mv")].cluster_on,
        None
    );
}

#[test]
fn an_index_s_expression_statistics_are_modelled_and_a_plain_column_s_refused() {
    let l = loaded(
        "CREATE TABLE t (a int, b text);\n\
         CREATE INDEX t_x ON t (a, lower(b), (a + 1)) INCLUDE (b);\n\
         ALTER INDEX t_x ALTER COLUMN 2 SET STATISTICS 500;\n\
         ALTER INDEX t_x ALTER 3 SET STATISTICS 20000;\n\
         ALTER INDEX t_x ALTER COLUMN 3 SET STATISTICS 10;\n\
         ALTER INDEX t_x ALTER COLUMN 3 SET STATISTICS -1;\n",
    );
    let i = &l.schema.indexes[&QualifiedName::new("public", "t_x")];
    assert_eq!(i.statistics.iter().collect::<Vec<_>>(), [(&2, &500)]);
    let t = "CREATE TABLE t (a int, b text);\nCREATE INDEX t_x ON t (a, lower(b)) INCLUDE (b);\n";
    for (alter, message) in [
        (
            "ALTER INDEX t_x ALTER COLUMN 1 SET STATISTICS 100;",
            "f.sql:3: cannot alter statistics on non-expression column \"a\" of index \"t_x\" (alter statistics on the table column instead)",
        ),
        (
            "ALTER INDEX t_x ALTER COLUMN 3 SET STATISTICS 100;",
            "f.sql:3: cannot alter statistics on included column \"b\" of index \"t_x\"",
        ),
        (
            "ALTER INDEX t_x ALTER COLUMN 4 SET STATISTICS 100;",
            "f.sql:3: column number 4 of relation \"t_x\" does not exist",
        ),
        (
            "ALTER INDEX t_x ALTER COLUMN 2 SET STATISTICS -2;",
            "f.sql:3: statistics target -2 is too low",
        ),
    ] {
        assert_eq!(error(&format!("{t}{alter}")), message);
    }
}

#[test]
fn other_sub_commands_of_indexes_views_and_materialized_views_are_refused_by_name() {
    let t = "CREATE TABLE t (a int);\n\
             CREATE VIEW v AS SELECT a FROM t;\n\
             CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;\n\
             CREATE INDEX t_a ON t (a);\n\
             CREATE SEQUENCE s;\n";
    for (alter, message) in [
        (
            "ALTER VIEW v ALTER COLUMN b SET DEFAULT 1;",
            "column \"b\" of relation \"v\" does not exist",
        ),
        (
            "ALTER TABLE mv ALTER COLUMN a SET DEFAULT 1;",
            "ALTER MATERIALIZED VIEW … ALTER COLUMN … SET/DROP DEFAULT is not supported yet",
        ),
        (
            "ALTER MATERIALIZED VIEW mv ALTER COLUMN b SET STATISTICS 100;",
            "column \"b\" of relation \"mv\" does not exist",
        ),
        (
            "ALTER MATERIALIZED VIEW mv ALTER COLUMN b SET (n_distinct = 1);",
            "column \"b\" of relation \"mv\" does not exist",
        ),
        (
            "ALTER MATERIALIZED VIEW mv ALTER COLUMN a SET STORAGE PLAIN;",
            "ALTER MATERIALIZED VIEW … ALTER COLUMN … SET STORAGE is not supported yet",
        ),
        (
            "ALTER INDEX t_a SET TABLESPACE pg_default;",
            "ALTER INDEX … SET TABLESPACE is not supported yet",
        ),
        (
            "ALTER MATERIALIZED VIEW mv SET ACCESS METHOD heap;",
            "ALTER MATERIALIZED VIEW … SET ACCESS METHOD is not supported yet",
        ),
        (
            "ALTER SEQUENCE s SET UNLOGGED;",
            "ALTER SEQUENCE … SET LOGGED/UNLOGGED is not supported yet",
        ),
        (
            "ALTER VIEW v SET (fillfactor = 10);",
            "unrecognized parameter \"fillfactor\" of a view",
        ),
        (
            "ALTER MATERIALIZED VIEW v SET (fillfactor = 10);",
            "public.v is not a materialized view",
        ),
        (
            "ALTER VIEW v RENAME COLUMN a TO b;",
            "ALTER VIEW … RENAME COLUMN is not supported yet",
        ),
        (
            "ALTER MATERIALIZED VIEW mv RENAME TO w;",
            "ALTER MATERIALIZED VIEW … RENAME is not supported yet",
        ),
        (
            "ALTER MATERIALIZED VIEW mv SET SCHEMA x;",
            "ALTER … SET SCHEMA is not supported yet",
        ),
        (
            "ALTER INDEX t_a DEPENDS ON EXTENSION e;",
            "ALTER … DEPENDS ON EXTENSION is not supported yet",
        ),
        (
            "ALTER INDEX t_a ALTER COLUMN a SET STATISTICS 10;",
            "name the column by its number",
        ),
        (
            "ALTER MATERIALIZED VIEW mv CLUSTER ON t_a;",
            "CLUSTER ON: public.t_a is not an index of materialized view public.mv",
        ),
    ] {
        let e = error(&format!("{t}{alter}"));
        assert!(
            e.starts_with("f.sql:6: ") && e.contains(message),
            "{alter}: {e}"
        );
    }
}

#[test]
fn a_view_s_column_defaults_are_modelled_and_kept_by_create_or_replace() {
    let l = loaded(
        "CREATE TABLE t (a int, b text);\n\
         CREATE VIEW v AS SELECT a, b FROM t;\n\
         ALTER VIEW v ALTER COLUMN a SET DEFAULT 1;\n\
         ALTER TABLE ONLY v ALTER COLUMN b SET DEFAULT 'x'::text;\n\
         CREATE OR REPLACE VIEW v AS SELECT a, b, a + 1 AS c FROM t;\n\
         ALTER VIEW v ALTER COLUMN b DROP DEFAULT;\n",
    );
    let v = &l.schema.views[&QualifiedName::new("public", "v")];
    let defaults: Vec<(&str, &str)> = v
        .column_defaults
        .iter()
        .map(|(c, e)| (c.as_str(), e.sql.as_str()))
        .collect();
    assert_eq!(defaults, [("a", "1")]);
}

#[test]
fn keys_with_include_columns_are_named_after_them_too() {
    let l = loaded(
        "CREATE EXTENSION btree_gist;\n\
         CREATE TABLE t (a int, b int, c int, UNIQUE (a) INCLUDE (b), \
         EXCLUDE USING gist (a WITH =) INCLUDE (c));\n\
         CREATE TABLE u (LIKE t INCLUDING ALL);\n",
    );
    let names = |t: &str| -> Vec<String> {
        let q = QualifiedName::new("public", t);
        l.schema.tables[&q].constraints.keys().cloned().collect()
    };
    assert_eq!(names("t"), ["t_a_b_key", "t_a_c_excl"]);
    assert_eq!(names("u"), ["u_a_b_key", "u_a_c_excl"]);
}
