//! The change table: names derived from the types, and JSON unchanged by the move from one
//! enum of inline variants to one type per kind.

use super::*;
use crate::kinds::*;
use crate::schema::*;

fn snake_case(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[test]
fn each_kind_name_is_its_variant_in_snake_case_and_unique() {
    assert_eq!(Change::KINDS.len(), Change::VARIANTS.len());
    for (kind, variant) in Change::KINDS.iter().zip(Change::VARIANTS) {
        assert_eq!(*kind, snake_case(variant), "the serde tag of {variant}");
    }
    let mut sorted = Change::KINDS.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        Change::KINDS.len(),
        "a kind name is listed twice"
    );
}

fn table() -> QualifiedName {
    QualifiedName::new("public", "t")
}

fn column() -> Column {
    Column {
        not_null: true,
        default: Some(Expr {
            sql: "1".into(),
            key: "1".into(),
            refs: vec![],
            columns: vec![],
        }),
        ..Column::new("x", "integer")
    }
}

fn mood() -> EnumType {
    EnumType {
        name: QualifiedName::new("public", "mood"),
        values: vec!["a".into()],
        comment: None,
        renamed_values: Default::default(),
    }
}

/// Each change with the JSON the enum of inline variants wrote for it (captured from the
/// code before the change kinds became types).
fn samples() -> Vec<(Change, &'static str)> {
    vec![
        (
            CreateSchema(Box::new(Namespace {
                name: "app".into(),
                comment: Some("c".into()),
            }))
            .into(),
            r#"{"change":"create_schema","name":"app","comment":"c"}"#,
        ),
        (
            AddColumn {
                table: table(),
                column: Box::new(column()),
            }
            .into(),
            r#"{"change":"add_column","table":{"schema":"public","name":"t"},"column":{"name":"x","data_type":"integer","not_null":true,"default":{"sql":"1","key":"1"}}}"#,
        ),
        (
            AlterEnum {
                from: mood(),
                to: mood(),
                usages: vec![EnumUsage {
                    table: table(),
                    column: column(),
                    default_after: None,
                }],
            }
            .into(),
            r#"{"change":"alter_enum","from":{"name":{"schema":"public","name":"mood"},"values":["a"]},"to":{"name":{"schema":"public","name":"mood"},"values":["a"]},"usages":[{"table":{"schema":"public","name":"t"},"column":{"name":"x","data_type":"integer","not_null":true,"default":{"sql":"1","key":"1"}}}]}"#,
        ),
        (
            SetComment {
                target: CommentTarget::Column {
                    table: table(),
                    column: "x".into(),
                },
                from: None,
                to: Some("hi".into()),
            }
            .into(),
            r#"{"change":"set_comment","target":{"on":"column","table":{"schema":"public","name":"t"},"column":"x"},"from":null,"to":"hi"}"#,
        ),
        (
            RemovePrivilege {
                privilege: Privilege {
                    object: PrivilegeObject::Relation { name: table() },
                    grantee: "bob".into(),
                    privilege: "SELECT".into(),
                    with_grant_option: false,
                    revoked: false,
                },
                before_drop: true,
            }
            .into(),
            r#"{"change":"remove_privilege","privilege":{"on":"relation","name":{"schema":"public","name":"t"},"grantee":"bob","privilege":"SELECT"},"before_drop":true}"#,
        ),
        (
            AddPrivilege(Privilege {
                object: PrivilegeObject::Schema { name: "app".into() },
                grantee: "public".into(),
                privilege: "USAGE".into(),
                with_grant_option: true,
                revoked: false,
            })
            .into(),
            r#"{"change":"add_privilege","on":"schema","name":"app","grantee":"public","privilege":"USAGE","with_grant_option":true}"#,
        ),
        (
            SetRowSecurity {
                table: table(),
                from: (false, false),
                to: (true, false),
            }
            .into(),
            r#"{"change":"set_row_security","table":{"schema":"public","name":"t"},"from":[false,false],"to":[true,false]}"#,
        ),
        (
            DialectObjectChange {
                from: None,
                to: Some(DialectObject {
                    name: QualifiedName::new("hypertable", "public.t"),
                    depends_on: vec![table()],
                    after: vec![],
                    columns: vec![],
                    payload: serde_json::json!({"time_column": "ts"}),
                }),
            }
            .into(),
            r#"{"change":"dialect_object","from":null,"to":{"name":{"schema":"hypertable","name":"public.t"},"depends_on":[{"schema":"public","name":"t"}],"payload":{"time_column":"ts"}}}"#,
        ),
        (
            SetSequenceOwner {
                sequence: QualifiedName::new("public", "s"),
                from: None,
                to: Some(ColumnRef {
                    table: table(),
                    column: "x".into(),
                }),
            }
            .into(),
            r#"{"change":"set_sequence_owner","sequence":{"schema":"public","name":"s"},"from":null,"to":{"table":{"schema":"public","name":"t"},"column":"x"}}"#,
        ),
    ]
}

#[test]
fn changes_serialise_as_before_and_read_back() {
    for (change, json) in samples() {
        assert_eq!(serde_json::to_string(&change).unwrap(), json);
        let back: Change = serde_json::from_str(json).unwrap();
        assert_eq!(back, change, "{json}");
    }
}

#[test]
fn a_dialect_object_change_is_built_by_its_object_kind() {
    let (change, _) = samples().pop().unwrap();
    assert_eq!(change.kind(), "set_sequence_owner");
    let hypertable = samples()
        .into_iter()
        .find(|(c, _)| matches!(c, Change::DialectObject(_)))
        .unwrap()
        .0;
    assert_eq!(hypertable.kind(), "hypertable");
    assert_eq!(hypertable.label(), "add_hypertable_public.t");
    assert_eq!(hypertable.invert().kind(), "hypertable");
    assert!(hypertable.invert().is_drop());
}

#[test]
fn a_typed_borrow_finds_only_its_own_kind() {
    let add: Change = AddColumn {
        table: table(),
        column: Box::new(column()),
    }
    .into();
    assert!(AddColumn::from_change(&add).is_some());
    assert!(DropColumn::from_change(&add).is_none());
    assert!(DropColumn::from_change(&add.invert()).is_some());
}

/// A plan of thousands of tables holds several lists of changes at once, so every variant
/// boxes what it carries beyond a few names: the largest decides the size of each change.
#[test]
fn a_change_stays_small() {
    let too_large: Vec<_> = Change::SIZES
        .iter()
        .filter(|(_, size)| *size > 120)
        .collect();
    assert!(
        std::mem::size_of::<Change>() <= 128,
        "Change is {} bytes; box the variants over 120: {too_large:?}",
        std::mem::size_of::<Change>(),
    );
}
