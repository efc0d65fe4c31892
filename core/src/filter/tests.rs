//! Unit tests of [`Filter`]: patterns, lists, what goes with what, and the reasons given.

use super::*;
use crate::kinds::testkit::*;
use crate::schema::{DialectObject, PartitionOf, QualifiedName, Sequence, Table};
use serde_json::json;

fn filter(include: &[&str], exclude: &[&str], schemas: &[&str]) -> Filter {
    let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
    let spec = FilterSpec {
        include: v(include),
        exclude: v(exclude),
        schemas: v(schemas),
    };
    Filter::new(
        &spec,
        &["hypertable".to_string(), "compression".to_string()],
    )
    .unwrap()
}

fn partition(name: &str, parent: &str) -> Table {
    Table {
        partition_of: Some(PartitionOf {
            parent: qn(parent),
            bound: "DEFAULT".into(),
        }),
        ..table(name, [])
    }
}

/// A partitioned table with partman's partitions and template, another team's schema, a
/// view, a trigger and a hypertable.
fn database() -> Schema {
    let with_at = |name: &str| Table {
        partition_by: Some("RANGE (at)".into()),
        ..table(name, [col("at", "timestamp with time zone")])
    };
    let mut orders = table(
        "app.orders",
        [col("id", "bigint"), col("customer", "bigint")],
    );
    orders = orders.with(fk(
        "orders_customer_fkey",
        &["customer"],
        "team_b.customers",
        &["id"],
    ));
    schema()
        .with(namespace("app"))
        .with(namespace("team_b"))
        .with(namespace("partman"))
        .with(extension("pg_partman"))
        .with(with_at("events"))
        .with(partition("events_p2024_01_01", "events"))
        .with(partition("events_default", "events"))
        .with(index(
            "events_p2024_01_01_at_idx",
            "events_p2024_01_01",
            &["at"],
        ))
        .with(table("partman.template_public_events", []))
        .with(orders)
        .with(table("team_b.customers", [col("id", "bigint")]))
        .with(Sequence {
            owned_by: owned_by("team_b.customers", "id"),
            ..sequence("team_b.customers_id_seq")
        })
        .with(trigger(
            "team_b.customers",
            "customers_audit",
            "team_b.audit",
        ))
        .with(view(
            "app.customer_orders",
            sql("SELECT 1"),
            &["x"],
            &["app.orders", "team_b.customers"],
        ))
        .with(grant("team_b.customers", "bob", "SELECT"))
        .with(DialectObject {
            depends_on: vec![qn("team_b.customers")],
            ..dialect_object("hypertable", "team_b.customers", json!({}))
        })
}

fn names(s: &Schema) -> Vec<String> {
    let mut out: Vec<String> = s.schemas.keys().map(|n| format!("schema {n}")).collect();
    out.extend(s.extensions.keys().map(|n| format!("extension {n}")));
    out.extend(s.tables.keys().map(|n| format!("table {n}")));
    out.extend(s.sequences.keys().map(|n| format!("sequence {n}")));
    out.extend(s.indexes.keys().map(|n| format!("index {n}")));
    out.extend(s.views.keys().map(|n| format!("view {n}")));
    out.extend(s.triggers.keys().map(|n| format!("trigger {n}")));
    out.extend(s.privileges.keys().map(|k| format!("privilege {:?}", k.2)));
    out.extend(s.dialect_objects.keys().map(|n| format!("{n}")));
    out
}

fn excluded(f: &Filter, s: Schema) -> Vec<String> {
    f.apply(s)
        .excluded
        .iter()
        .map(|e| format!("{}: {}", e.object, e.reason))
        .collect()
}

#[test]
fn no_filter_keeps_everything() {
    let out = Filter::default().apply(database());
    assert_eq!(out.schema, database());
    assert!(out.excluded.is_empty());
}

#[test]
fn the_partman_recipe_leaves_partitions_and_the_template_out() {
    let f = filter(
        &[],
        &["public.events_p*", "public.events_default", "partman.*"],
        &[],
    );
    assert_eq!(
        excluded(&f, database()),
        [
            "table partman.template_public_events: exclude pattern `partman.*`",
            "table public.events_default: exclude pattern `public.events_default`",
            "table public.events_p2024_01_01: exclude pattern `public.events_p*`",
            "index public.events_p2024_01_01_at_idx: goes with table public.events_p2024_01_01: \
             exclude pattern `public.events_p*`",
        ]
    );
    let kept = f.apply(database().with(index("events_payload_idx", "events", &["payload"])));
    let kept = kept.schema;
    assert!(kept.tables.contains_key(&qn("events")));
    assert!(
        kept.indexes.contains_key(&qn("events_payload_idx")),
        "only `index:` patterns match an index by its name"
    );
    assert!(
        kept.schemas.contains_key("partman"),
        "`partman.*` is what is in the schema, not the schema"
    );
}

#[test]
fn members_and_followers_go_with_their_table() {
    let f = filter(&[], &["team_b.customers"], &[]);
    assert_eq!(
        excluded(&f, database()),
        [
            "sequence team_b.customers_id_seq: goes with table team_b.customers: \
             exclude pattern `team_b.customers`",
            "table team_b.customers: exclude pattern `team_b.customers`",
            "trigger customers_audit on team_b.customers: goes with table team_b.customers: \
             exclude pattern `team_b.customers`",
            "hypertable team_b.customers: goes with table team_b.customers: \
             exclude pattern `team_b.customers`",
            "privilege SELECT on team_b.customers to bob: goes with table team_b.customers: \
             exclude pattern `team_b.customers`",
        ]
    );
    let kept = f.apply(database()).schema;
    assert!(
        kept.tables[&qn("app.orders")]
            .constraints
            .contains_key("orders_customer_fkey"),
        "a foreign key into an excluded table stays"
    );
    assert!(
        kept.views.contains_key(&qn("app.customer_orders")),
        "a view reading an excluded table stays"
    );
}

#[test]
fn a_partition_goes_with_its_parent_and_its_index_with_it() {
    let f = filter(&[], &["table:public.events"], &[]);
    let out = excluded(&f, database());
    assert!(out.contains(
        &"index public.events_p2024_01_01_at_idx: goes with table public.events_p2024_01_01: \
          exclude pattern `table:public.events`"
            .to_string()
    ));
    assert_eq!(out.len(), 4, "{out:#?}");
}

#[test]
fn schemas_limit_management_but_not_extensions() {
    let f = filter(&[], &[], &["app"]);
    let kept = names(&f.apply(database()).schema);
    assert_eq!(
        kept,
        [
            "schema app",
            "extension pg_partman",
            "table app.orders",
            "view app.customer_orders",
        ]
    );
    let out = excluded(&f, database());
    assert!(out.contains(&"table public.events: schema public is not in schemas [app]".into()));
    assert!(out.contains(&"schema team_b: schema team_b is not in schemas [app]".into()));
}

#[test]
fn per_kind_patterns_match_only_their_kind() {
    let f = filter(&[], &["view:*", "trigger:*_audit"], &[]);
    let kept = names(&f.apply(database()).schema);
    assert!(!kept
        .iter()
        .any(|n| n.starts_with("view ") || n.starts_with("trigger ")));
    assert!(kept.contains(&"table app.orders".to_string()));
    // A pattern without a kind does not match members by their own name.
    let f = filter(&[], &["customers_audit"], &[]);
    assert!(excluded(&f, database()).is_empty());
    // `relation:` covers tables and views.
    let f = filter(&[], &["relation:app.*"], &[]);
    let out = excluded(&f, database());
    assert_eq!(out.len(), 2, "{out:#?}");
}

#[test]
fn a_negated_exclude_takes_an_object_back_and_the_last_match_decides() {
    let f = filter(&[], &["public.*", "!public.events"], &[]);
    let kept = f.apply(database()).schema;
    assert!(kept.tables.contains_key(&qn("events")));
    assert!(!kept.tables.contains_key(&qn("events_default")));
    let f = filter(&[], &["!public.events", "public.*"], &[]);
    assert!(!f
        .apply(database())
        .schema
        .tables
        .contains_key(&qn("events")));
}

#[test]
fn includes_limit_management_and_a_negated_include_leaves_out() {
    let f = filter(&["app.*", "schema:app", "!view:*"], &[], &[]);
    assert_eq!(
        names(&f.apply(database()).schema),
        ["schema app", "table app.orders"]
    );
    let out = excluded(&f, database());
    assert!(out.contains(&"table public.events: matches no include pattern".into()));
    assert!(out.contains(&"view app.customer_orders: include pattern `!view:*`".into()));
    // Only negated includes: everything else is included.
    let f = filter(&["!team_b.*"], &[], &[]);
    let kept = f.apply(database()).schema;
    assert!(kept.tables.contains_key(&qn("events")));
    assert!(!kept.tables.contains_key(&qn("team_b.customers")));
}

#[test]
fn unqualified_patterns_match_in_every_schema_and_schemas_by_name() {
    let f = filter(&[], &["*customer*", "partman"], &[]);
    let kept = names(&f.apply(database()).schema);
    assert!(!kept.contains(&"table team_b.customers".to_string()));
    assert!(!kept.contains(&"view app.customer_orders".to_string()));
    assert!(!kept.contains(&"schema partman".to_string()));
    assert!(kept.contains(&"table partman.template_public_events".to_string()));
}

#[test]
fn dialect_objects_follow_what_they_are_built_on_and_match_by_kind() {
    let compression = DialectObject {
        depends_on: vec![qn("team_b.customers")],
        after: vec![QualifiedName::new("hypertable", "team_b.customers")],
        ..dialect_object("compression", "team_b.customers", json!({}))
    };
    let s = database().with(compression);
    let f = filter(&[], &["hypertable:team_b.*"], &[]);
    let out = excluded(&f, s.clone());
    assert_eq!(
        out,
        [
            "compression team_b.customers: goes with hypertable team_b.customers: \
             exclude pattern `hypertable:team_b.*`",
            "hypertable team_b.customers: exclude pattern `hypertable:team_b.*`",
        ]
    );
    assert!(f
        .apply(s)
        .schema
        .tables
        .contains_key(&qn("team_b.customers")));
}

#[test]
fn quoted_names_match_exactly() {
    let s = schema()
        .with(table("\"Odd Name\"", []))
        .with(table("odd name", []));
    let s = Schema {
        tables: s
            .tables
            .into_values()
            .map(|mut t| {
                t.name.name = t.name.name.trim_matches('"').to_string();
                (t.name.clone(), t)
            })
            .collect(),
        ..s
    };
    let f = filter(&[], &["public.\"Odd Name\""], &[]);
    assert_eq!(
        excluded(&f, s),
        ["table public.Odd Name: exclude pattern `public.\"Odd Name\"`"]
    );
}

#[test]
fn bad_patterns_name_their_list() {
    let spec = |exclude: &str| FilterSpec {
        exclude: vec![exclude.to_string()],
        ..FilterSpec::default()
    };
    let e = Filter::new(&spec("column:t.c"), &[])
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "exclude: bad filter pattern `column:t.c`: columns go with their table: \
         filter the table (table:NAME)"
    );
    let e = Filter::new(&spec("hypertable:x"), &[])
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown kind `hypertable`"), "{e}");
    assert!(Filter::new(&spec("hypertable:x"), &["hypertable".into()]).is_ok());
    let bad_schema = FilterSpec {
        schemas: vec!["schema/".into()],
        ..FilterSpec::default()
    };
    let e = Filter::new(&bad_schema, &[]).unwrap_err().to_string();
    assert!(
        e.starts_with("schemas: bad filter pattern `schema/`"),
        "{e}"
    );
}

/// Every kind of [`crate::identity::ObjectKind`] either has patterns of its own or goes
/// with another object; the match has no wildcard, so a new kind must say which.
#[test]
fn every_object_kind_has_a_kind_name_or_follows() {
    use crate::identity::ObjectKind::{self, *};
    let name = |k: ObjectKind| -> &'static str {
        match k {
            Schema => "schema",
            Extension => "extension",
            // A base type's shell goes with the type.
            Type | ShellType => "type",
            Sequence => "sequence",
            Relation => "relation",
            Index => "index",
            Function => "function",
            Aggregate => "aggregate",
            Operator => "operator",
            Trigger => "trigger",
            Policy => "policy",
            Rule => "rule",
            Constraint => "constraint",
            Column => "column",
            Collation => "collation",
            Statistics => "statistics",
            Publication => "publication",
            ForeignDataWrapper => "foreign_data_wrapper",
            ForeignServer => "server",
            UserMapping => "user_mapping",
            Dialect(_) => "hypertable",
        }
    };
    let kinds = [
        Schema,
        Extension,
        Type,
        ShellType,
        Sequence,
        Relation,
        Index,
        Function,
        Aggregate,
        Operator,
        Trigger,
        Policy,
        Rule,
        Constraint,
        Column,
        Collation,
        Statistics,
        ForeignDataWrapper,
        ForeignServer,
        UserMapping,
        Publication,
    ];
    for k in kinds {
        let n = name(k);
        assert!(
            KINDS.contains(&n) || FOLLOWERS.iter().any(|(f, _)| *f == n),
            "{n}"
        );
    }
}
