use super::*;
use crate::kinds::testkit::*;
use crate::schema::{ForeignTable, Table};
use insta::assert_snapshot;

fn wrapper(name: &str) -> ForeignDataWrapper {
    ForeignDataWrapper {
        name: name.into(),
        handler: None,
        validator: None,
        options: Vec::new(),
        comment: None,
    }
}

fn server(name: &str, wrapper: &str, options: &[(&str, &str)]) -> ForeignServer {
    ForeignServer {
        name: name.into(),
        wrapper: wrapper.into(),
        server_type: None,
        version: None,
        options: pairs(options),
        comment: None,
    }
}

fn mapping(user: &str, server: &str, options: &[(&str, &str)]) -> UserMapping {
    UserMapping {
        server: server.into(),
        user: user.into(),
        options: pairs(options),
        role: None,
    }
}

fn pairs(list: &[(&str, &str)]) -> FdwOptions {
    list.iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

fn foreign_table(name: &str, server: &str, options: &[(&str, &str)]) -> Table {
    Table {
        foreign: Some(ForeignTable {
            server: server.into(),
            options: pairs(options),
        }),
        ..table(name, [col("id", "integer")])
    }
}

fn chain(wrapper_name: &str) -> Schema {
    schema()
        .with(wrapper("w1"))
        .with(wrapper("w2"))
        .with(server("s", wrapper_name, &[("host", "a")]))
        .with(mapping(CURRENT_USER, "s", &[("user", "u")]))
        .with(foreign_table("ft", "s", &[]))
}

#[test]
fn the_chain_is_created_wrapper_first_and_dropped_table_first() {
    let desired = chain("w1");
    assert_snapshot!(planned(&schema(), &desired));
    assert_snapshot!(planned(&desired, &schema()));
}

#[test]
fn options_version_and_comments_change_in_place() {
    let current = chain("w1");
    let mut desired = chain("w1");
    desired.wrappers.get_mut("w1").unwrap().options = pairs(&[("debug", "true")]);
    let s = desired.servers.get_mut("s").unwrap();
    s.version = Some("2".into());
    s.options = pairs(&[("host", "b"), ("port", "5432")]);
    s.comment = Some("remote".into());
    desired
        .user_mappings
        .values_mut()
        .for_each(|m| m.options.clear());
    let ft = desired.tables.get_mut(&qn("ft")).unwrap();
    ft.foreign.as_mut().unwrap().options = pairs(&[("table_name", "t")]);
    assert_snapshot!(planned(&current, &desired));
}

#[test]
fn a_server_whose_wrapper_changes_is_recreated_with_its_mappings_and_tables() {
    assert_snapshot!(planned(&chain("w1"), &chain("w2")));
}

#[test]
fn a_table_becoming_foreign_is_recreated() {
    let current = chain("w1").with(table("t", [col("id", "integer")]));
    let desired = chain("w1").with(foreign_table("t", "s", &[]));
    assert_snapshot!(planned(&current, &desired));
}

#[test]
fn a_server_on_an_extension_wrapper_comes_after_the_extension() {
    let desired = schema()
        .with(extension("postgres_fdw"))
        .with(server("s", "postgres_fdw", &[]));
    assert_snapshot!(planned(&schema(), &desired));
    assert_snapshot!(planned(&desired, &schema()));
}

#[test]
fn the_files_may_name_the_role_a_live_current_user_mapping_is_for() {
    let live = |options: &[(&str, &str)]| UserMapping {
        role: Some("app".into()),
        ..mapping(CURRENT_USER, "s", options)
    };
    let base = || schema().with(wrapper("w")).with(server("s", "w", &[]));
    let current = base().with(live(&[("user", "u")]));
    let same = base().with(mapping("app", "s", &[("user", "u")]));
    assert_eq!(planned(&current, &same), "");
    let other = base().with(mapping("app", "s", &[("user", "v")]));
    assert_snapshot!(planned(&current, &other));
}
