use crate::load::Loader;
use migrator_core::schema::Publication;

fn load(sql: &str) -> Result<Loader, String> {
    let mut l = Loader::default();
    let tables = "CREATE TABLE t (a int, b int, c text);\nCREATE SCHEMA s;\n\
                  CREATE TABLE s.u (x int);\n";
    l.load_text("f.sql", &format!("{tables}{sql}"))
        .map_err(|e| e.to_string())?;
    Ok(l)
}

fn publication(l: &Loader, name: &str) -> Publication {
    l.schema.publications[name].clone()
}

#[test]
fn the_file_and_the_catalog_spell_the_same_publication_alike() {
    let l = load(
        "CREATE PUBLICATION f FOR TABLE t (c, a) WHERE (b > 5 AND c = 'x'), s.u \
         WITH (publish = 'update,insert', publish_via_partition_root);\n\
         CREATE PUBLICATION c FOR TABLE public.t (a, c) WHERE (((b > 5) AND (c = 'x'::text))), \
         TABLE s.u WITH (publish = 'insert, update', publish_via_partition_root = true);",
    )
    .unwrap();
    let (f, c) = (publication(&l, "f"), publication(&l, "c"));
    assert_eq!(
        Publication {
            name: c.name.clone(),
            ..f.clone()
        },
        c
    );
    assert_eq!(f.tables[0].columns, ["a", "c"]);
    assert_eq!(f.options.publish, ["insert", "update"]);
    assert!(f.options.via_root);
}

#[test]
fn alter_publication_adds_sets_drops_renames_and_comments() {
    let l = load(
        "CREATE PUBLICATION p FOR TABLE t;\n\
         ALTER PUBLICATION p ADD TABLES IN SCHEMA s;\n\
         ALTER PUBLICATION p SET (publish = 'insert');\n\
         ALTER PUBLICATION p SET (publish_via_partition_root = true);\n\
         ALTER PUBLICATION p DROP TABLE t;\n\
         ALTER PUBLICATION p ADD TABLE t WHERE (a > 0);\n\
         ALTER PUBLICATION p RENAME TO q;\n\
         COMMENT ON PUBLICATION q IS 'feed';\n\
         ALTER PUBLICATION q OWNER TO someone;\n\
         CREATE PUBLICATION r FOR TABLE t, s.u;\n\
         ALTER PUBLICATION r SET TABLE s.u (x);\n\
         CREATE PUBLICATION gone;\n\
         DROP PUBLICATION gone;\n\
         DROP PUBLICATION IF EXISTS gone;",
    )
    .unwrap();
    let names: Vec<&String> = l.schema.publications.keys().collect();
    assert_eq!(names, ["q", "r"]);
    let q = publication(&l, "q");
    assert_eq!(q.schemas, ["s"]);
    assert_eq!(q.options.publish, ["insert"]);
    assert!(q.options.via_root);
    assert_eq!(q.tables.len(), 1);
    assert!(q.tables[0].filter.is_some());
    assert_eq!(q.comment.as_deref(), Some("feed"));
    let r = publication(&l, "r");
    assert_eq!(r.tables.len(), 1);
    assert_eq!(r.tables[0].columns, ["x"]);
}

#[test]
fn a_dropped_table_or_schema_leaves_its_publications() {
    let l = load(
        "CREATE PUBLICATION p FOR TABLE t, TABLES IN SCHEMA s;\n\
         DROP TABLE t;\n\
         DROP SCHEMA s CASCADE;",
    )
    .unwrap();
    let p = publication(&l, "p");
    assert!(p.tables.is_empty() && p.schemas.is_empty());
    let l = load(
        "CREATE PUBLICATION p FOR TABLE t (a, b);\n\
         ALTER TABLE t RENAME COLUMN b TO bb;\n\
         ALTER TABLE t RENAME TO tt;",
    )
    .unwrap();
    let p = publication(&l, "p");
    assert_eq!(p.tables[0].table.name, "tt");
    assert_eq!(p.tables[0].columns, ["a", "bb"]);
}

#[test]
fn what_postgresql_refuses_is_an_error() {
    for (sql, message) in [
        ("CREATE PUBLICATION p FOR TABLE nope;", "does not exist"),
        ("CREATE PUBLICATION p FOR TABLE t (z);", "z"),
        ("CREATE PUBLICATION p FOR TABLE t WHERE (z > 1);", "z"),
        (
            "CREATE PUBLICATION p FOR TABLES IN SCHEMA nope;",
            "does not exist",
        ),
        (
            "CREATE PUBLICATION p FOR TABLE t (a), TABLES IN SCHEMA s;",
            "column list",
        ),
        (
            "CREATE PUBLICATION p WITH (publish = 'select');",
            "unrecognized \"publish\" value",
        ),
        (
            "CREATE PUBLICATION p WITH (streaming = on);",
            "unrecognized",
        ),
        (
            "CREATE PUBLICATION p FOR TABLE t;\nALTER PUBLICATION p ADD TABLE t;",
            "already member",
        ),
        (
            "CREATE PUBLICATION p;\nALTER PUBLICATION p DROP TABLE t;",
            "not part of the publication",
        ),
        (
            "CREATE PUBLICATION p FOR ALL TABLES;\nALTER PUBLICATION p ADD TABLE t;",
            "FOR ALL TABLES",
        ),
        (
            "CREATE PUBLICATION p FOR TABLE t (a, b);\nALTER TABLE t DROP COLUMN b;",
            "depends on it",
        ),
        (
            "CREATE PUBLICATION p FOR TABLE t WHERE (c <> '');\nALTER TABLE t DROP COLUMN c;",
            "depends on it",
        ),
        (
            "CREATE PUBLICATION p;\nCREATE PUBLICATION p;",
            "already exists",
        ),
    ] {
        let err = load(sql).err().unwrap_or_else(|| panic!("{sql}: accepted"));
        assert!(err.contains(message), "{sql}: {err}");
    }
}

#[test]
fn a_table_named_without_only_brings_its_inheritors() {
    let l = load(
        "CREATE TABLE c1 () INHERITS (t);\nCREATE TABLE c2 (z int) INHERITS (c1);\n\
         CREATE PUBLICATION p FOR TABLE t (a) WHERE (a > 1);\n\
         CREATE PUBLICATION q FOR TABLE ONLY t;\n\
         CREATE PUBLICATION r FOR TABLE t;\nALTER PUBLICATION r DROP TABLE t;",
    )
    .unwrap();
    let tables = |name: &str| -> Vec<String> {
        let p = publication(&l, name);
        p.tables.iter().map(|e| e.table.name.clone()).collect()
    };
    assert_eq!(tables("p"), ["c1", "c2", "t"]);
    assert!(publication(&l, "p")
        .tables
        .iter()
        .all(|e| e.columns == ["a"]));
    assert_eq!(tables("q"), ["t"]);
    assert!(tables("r").is_empty());
}

#[test]
fn a_row_filter_on_a_partitioned_table_needs_publish_via_partition_root() {
    let parted = "CREATE TABLE pt (a int) PARTITION BY LIST (a);\n";
    let err = load(&format!(
        "{parted}CREATE PUBLICATION p FOR TABLE pt WHERE (a > 0);"
    ))
    .err()
    .unwrap();
    assert!(err.contains("publish_via_partition_root"), "{err}");
    load(&format!(
        "{parted}CREATE PUBLICATION p FOR TABLE pt WHERE (a > 0) \
         WITH (publish_via_partition_root);"
    ))
    .unwrap();
}
