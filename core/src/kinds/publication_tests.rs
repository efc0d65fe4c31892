use super::*;
use crate::kinds::testkit::*;
use crate::schema::{Column, Table};
use insta::assert_snapshot;

fn entry(table: &str, columns: &[&str], filter: Option<Expr>) -> PublishedTable {
    PublishedTable {
        table: qn(table),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        filter,
    }
}

fn publication(tables: Vec<PublishedTable>, schemas: &[&str]) -> Publication {
    Publication {
        name: "p".into(),
        all_tables: false,
        tables,
        schemas: schemas.iter().map(|s| s.to_string()).collect(),
        options: PublicationOptions::default(),
        comment: None,
    }
}

fn t() -> Table {
    table(
        "t",
        [col("a", "integer"), col("b", "integer"), col("c", "text")],
    )
}

fn u() -> Table {
    table("u", [col("x", "integer")])
}

fn filtered() -> PublishedTable {
    entry("t", &["a", "b"], Some(reading("(b > 5)", &["b"])))
}

#[test]
fn a_new_publication_comes_after_its_tables_and_a_dropped_one_goes_first() {
    let desired = schema()
        .with(t())
        .with(namespace("s"))
        .with(publication(vec![filtered()], &["s"]));
    assert_snapshot!(planned(&schema(), &desired));
    assert_snapshot!(planned(&desired, &schema()));
}

#[test]
fn options_entries_and_schemas_change_in_place() {
    let current = schema()
        .with(t())
        .with(u())
        .with(namespace("s"))
        .with(publication(vec![filtered(), entry("u", &[], None)], &[]));
    let desired = schema()
        .with(t())
        .with(u())
        .with(namespace("s"))
        .with(Publication {
            options: PublicationOptions {
                publish: vec!["insert".into()],
                via_root: true,
            },
            comment: Some("feed".into()),
            ..publication(vec![entry("t", &["a"], None)], &["s"])
        });
    assert_snapshot!(diffed(&current, &desired));
}

#[test]
fn a_change_of_all_tables_drops_and_creates_it() {
    let current = schema().with(publication(vec![], &[]));
    let desired = schema().with(Publication {
        all_tables: true,
        ..publication(vec![], &[])
    });
    assert_snapshot!(diffed(&current, &desired));
}

#[test]
fn an_entry_goes_before_its_table_or_column_is_dropped() {
    let current = schema()
        .with(t())
        .with(u())
        .with(publication(vec![filtered(), entry("u", &[], None)], &[]));
    let desired = schema()
        .with(table(
            "t",
            [col("a", "integer"), col("c", "text")] as [Column; 2],
        ))
        .with(publication(vec![entry("t", &["a"], None)], &[]));
    assert_snapshot!(planned(&current, &desired));
}

#[test]
fn an_entry_is_dropped_and_added_around_its_table_recreated_or_a_filter_column_retyped() {
    let partitioned = |by: &str| Table {
        partition_by: Some(by.into()),
        ..t()
    };
    let p = publication(vec![filtered()], &[]);
    let current = schema().with(partitioned("RANGE (a)")).with(p.clone());
    let desired = schema().with(partitioned("RANGE (b)")).with(p.clone());
    assert_snapshot!(planned(&current, &desired));
    let retyped = table(
        "t",
        [col("a", "integer"), col("b", "bigint"), col("c", "text")],
    );
    let current = schema().with(t()).with(p.clone());
    let desired = schema().with(retyped).with(p);
    assert_snapshot!(planned(&current, &desired));
}

#[test]
fn entries_of_tables_and_schemas_a_filter_leaves_out_are_left_alone() {
    use crate::filter::{Filter, FilterSpec};
    let spec = FilterSpec {
        exclude: vec!["public.u".into(), "schema:s".into()],
        ..FilterSpec::default()
    };
    let filter = Filter::new(&spec, &[]).unwrap();
    let current = schema()
        .with(t())
        .with(u())
        .with(namespace("s"))
        .with(publication(
            vec![entry("t", &[], None), entry("u", &[], None)],
            &["s"],
        ));
    let kept = filter.apply(current).schema;
    let p = &kept.publications["p"];
    assert_eq!(p.tables, [entry("t", &[], None)]);
    assert!(p.schemas.is_empty());
}

#[test]
fn an_entry_follows_renames_and_a_renamed_filter_column_drops_and_adds_it_around_them() {
    let renamed = |c: &str, from: &str| Column {
        renamed_from: Some(from.into()),
        ..col(c, "integer")
    };
    let current = schema()
        .with(t())
        .with(publication(vec![entry("t", &["a", "b"], None)], &[]))
        .with(Publication {
            name: "q".into(),
            ..publication(vec![filtered()], &[])
        });
    let desired = schema()
        .with(Table {
            renamed_from: Some("t".into()),
            ..table(
                "t2",
                [col("a", "integer"), renamed("bb", "b"), col("c", "text")],
            )
        })
        .with(publication(vec![entry("t2", &["a", "bb"], None)], &[]))
        .with(Publication {
            name: "q".into(),
            ..publication(
                vec![entry(
                    "t2",
                    &["a", "bb"],
                    Some(reading("(bb > 5)", &["bb"])),
                )],
                &[],
            )
        });
    assert_snapshot!(planned(&current, &desired));
}
