//! Loader tests for `ALTER DEFAULT PRIVILEGES`: the items kept as PostgreSQL keeps
//! `pg_default_acl`, and the privileges of objects created after it.

use crate::load::Loader;
use migrator_core::schema::PrivilegeObject;

/// Each default privilege as `role schema on grantee privilege [+option] [revoked]`.
fn items(sql: &str) -> Vec<String> {
    let l = Loader::loaded(sql);
    l.schema
        .default_privileges
        .values()
        .map(|d| {
            let mut s = format!(
                "{} {} {} {} {}",
                d.role.as_deref().unwrap_or("-"),
                d.schema.as_deref().unwrap_or("-"),
                d.on.sql(),
                d.grantee,
                d.privilege
            );
            if d.with_grant_option {
                s.push_str(" +option");
            }
            if d.revoked {
                s.push_str(" revoked");
            }
            s
        })
        .collect()
}

/// Each privilege of the objects as `grantee privilege [revoked]`, in key order.
fn privileges(sql: &str) -> Vec<String> {
    let l = Loader::loaded(sql);
    l.schema
        .privileges
        .values()
        .map(|p| {
            let revoked = if p.revoked { " revoked" } else { "" };
            let on = match &p.object {
                PrivilegeObject::Relation { name } | PrivilegeObject::Sequence { name } => {
                    name.name.clone()
                }
                PrivilegeObject::Function { id, .. } => id.name.clone(),
                other => format!("{other:?}"),
            };
            format!("{on} {} {}{revoked}", p.grantee, p.privilege)
        })
        .collect()
}

#[test]
fn a_grant_taken_back_and_a_built_in_granted_again_leave_no_item() {
    assert!(items(
        "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO bob;\n\
         ALTER DEFAULT PRIVILEGES REVOKE SELECT ON TABLES FROM bob;\n\
         ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;\n\
         ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON ROUTINES TO PUBLIC;"
    )
    .is_empty());
}

#[test]
fn roles_schemas_all_and_grant_options_make_one_item_each() {
    assert_eq!(
        items(
            "CREATE SCHEMA app;\n\
             ALTER DEFAULT PRIVILEGES FOR ROLE alice, CURRENT_USER IN SCHEMA app, public \
             GRANT ALL ON SEQUENCES TO bob WITH GRANT OPTION;\n\
             ALTER DEFAULT PRIVILEGES FOR ROLE alice IN SCHEMA app, public \
             REVOKE GRANT OPTION FOR UPDATE, SELECT ON SEQUENCES FROM bob;\n\
             ALTER DEFAULT PRIVILEGES FOR ROLE alice REVOKE USAGE ON TYPES FROM PUBLIC, alice;"
        ),
        [
            "- app SEQUENCES bob SELECT +option",
            "- app SEQUENCES bob UPDATE +option",
            "- app SEQUENCES bob USAGE +option",
            "- public SEQUENCES bob SELECT +option",
            "- public SEQUENCES bob UPDATE +option",
            "- public SEQUENCES bob USAGE +option",
            "alice - TYPES public USAGE revoked",
            "alice app SEQUENCES bob SELECT",
            "alice app SEQUENCES bob UPDATE",
            "alice app SEQUENCES bob USAGE +option",
            "alice public SEQUENCES bob SELECT",
            "alice public SEQUENCES bob UPDATE",
            "alice public SEQUENCES bob USAGE +option",
        ]
    );
}

#[test]
fn on_schemas_in_a_schema_is_an_error() {
    let e = Loader::load_error(
        "CREATE SCHEMA app;\nALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE ON SCHEMAS TO bob;",
    );
    assert!(e.contains("cannot use IN SCHEMA"), "{e}");
}

#[test]
fn a_dropped_schema_takes_its_items() {
    assert!(items(
        "CREATE SCHEMA app;\n\
         ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO bob;\n\
         DROP SCHEMA app;"
    )
    .is_empty());
}

#[test]
fn objects_created_after_get_the_defaults_of_the_role_running_the_files() {
    assert_eq!(
        privileges(
            "CREATE TABLE before (id int);\n\
             ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO bob;\n\
             ALTER DEFAULT PRIVILEGES FOR ROLE alice GRANT INSERT ON TABLES TO bob;\n\
             ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;\n\
             ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO bob;\n\
             CREATE TABLE after (id serial);\n\
             CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';"
        ),
        [
            "after bob SELECT",
            "after_id_seq bob USAGE",
            "f public EXECUTE revoked",
        ]
    );
}

#[test]
fn objects_recreated_get_them_renamed_and_replaced_ones_keep_theirs() {
    assert_eq!(
        privileges(
            "CREATE TABLE old (id int);\n\
             CREATE VIEW v AS SELECT 1 AS one;\n\
             ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO bob;\n\
             ALTER DEFAULT PRIVILEGES GRANT USAGE ON SEQUENCES TO bob;\n\
             ALTER TABLE old RENAME TO renamed;\n\
             CREATE OR REPLACE VIEW v AS SELECT 1 AS one, 2 AS two;\n\
             CREATE TABLE gone (id int);\n\
             REVOKE SELECT ON gone FROM bob;\n\
             DROP TABLE gone;\n\
             CREATE TABLE gone (id int);\n\
             ALTER TABLE renamed ADD COLUMN n serial;\n\
             CREATE MATERIALIZED VIEW m AS SELECT 1 AS x;"
        ),
        ["gone bob SELECT", "m bob SELECT", "renamed_n_seq bob USAGE",]
    );
}
