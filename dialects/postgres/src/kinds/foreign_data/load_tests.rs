use crate::load::Loader;
use migrator_core::kinds::{CURRENT_USER, PUBLIC_USER};
use migrator_core::schema::{QualifiedName, UserMappingKey};

fn load(sql: &str) -> Result<Loader, String> {
    let mut l = Loader::default();
    let chain = "CREATE FOREIGN DATA WRAPPER w;\n\
                 CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'a');\n";
    l.load_text("f.sql", &format!("{chain}{sql}"))
        .map_err(|e| e.to_string())?;
    Ok(l)
}

/// The error loading `sql` gives (it must give one).
fn refused(sql: &str) -> String {
    match load(sql) {
        Ok(_) => panic!("loaded: {sql}"),
        Err(e) => e,
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

fn key(server: &str, user: &str) -> UserMappingKey {
    UserMappingKey {
        server: server.into(),
        user: user.into(),
    }
}

#[test]
fn options_are_added_set_and_dropped_as_postgresql_does_and_kept_sorted() {
    let l = load(
        "ALTER SERVER s OPTIONS (ADD port '1', SET host 'b', ADD dbname 'x');\n\
                  ALTER SERVER s OPTIONS (DROP port);",
    )
    .unwrap();
    assert_eq!(
        l.schema.servers["s"].options,
        pairs(&[("dbname", "x"), ("host", "b")])
    );
    let twice = refused("ALTER SERVER s OPTIONS (ADD host 'b');");
    assert!(
        twice.contains("option \"host\" provided more than once"),
        "{twice}"
    );
    let missing = refused("ALTER SERVER s OPTIONS (SET port '1');");
    assert!(missing.contains("option \"port\" not found"), "{missing}");
}

#[test]
fn every_spelling_of_the_current_role_is_one_mapping() {
    let l = load(
        "CREATE USER MAPPING FOR USER SERVER s;\n\
                  CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'x');\n\
                  CREATE USER MAPPING FOR alice SERVER s;",
    )
    .unwrap();
    let users: Vec<&str> = l
        .schema
        .user_mappings
        .keys()
        .map(|k| k.user.as_str())
        .collect();
    assert_eq!(users, [CURRENT_USER, PUBLIC_USER, "alice"]);
    let again = refused(
        "CREATE USER MAPPING FOR CURRENT_USER SERVER s;\n\
                      CREATE USER MAPPING FOR SESSION_USER SERVER s;",
    );
    assert!(again.contains("already exists"), "{again}");
}

#[test]
fn a_drop_with_dependents_needs_cascade_and_takes_them_along() {
    let setup = "CREATE USER MAPPING FOR PUBLIC SERVER s;\n\
                 CREATE FOREIGN TABLE ft (a int) SERVER s;\n";
    let refused = refused(&format!("{setup}DROP SERVER s;"));
    assert!(
        refused.contains("foreign table public.ft depends on it"),
        "{refused}"
    );
    let l = load(&format!("{setup}DROP FOREIGN DATA WRAPPER w CASCADE;")).unwrap();
    assert!(l.schema.servers.is_empty() && l.schema.user_mappings.is_empty());
    assert!(l.schema.tables.is_empty());
}

#[test]
fn a_renamed_server_takes_its_mappings_and_tables_along() {
    let l = load(
        "CREATE USER MAPPING FOR PUBLIC SERVER s;\n\
                  CREATE FOREIGN TABLE ft (a int OPTIONS (column_name 'b')) SERVER s;\n\
                  ALTER SERVER s RENAME TO t;\n\
                  ALTER FOREIGN DATA WRAPPER w RENAME TO v;",
    )
    .unwrap();
    assert_eq!(l.schema.servers["t"].wrapper, "v");
    assert!(l.schema.user_mappings.contains_key(&key("t", PUBLIC_USER)));
    let ft = &l.schema.tables[&QualifiedName::new("public", "ft")];
    assert_eq!(ft.foreign.as_ref().unwrap().server, "t");
    assert_eq!(ft.columns[0].fdw_options, pairs(&[("column_name", "b")]));
}

#[test]
fn a_server_needs_its_wrapper_or_the_extension_that_creates_it() {
    let missing = refused("CREATE SERVER x FOREIGN DATA WRAPPER postgres_fdw;");
    assert!(
        missing.contains("foreign-data wrapper postgres_fdw does not exist"),
        "{missing}"
    );
    load("CREATE EXTENSION postgres_fdw;\nCREATE SERVER x FOREIGN DATA WRAPPER postgres_fdw;")
        .unwrap();
}

#[test]
fn foreign_table_options_change_only_on_foreign_tables() {
    let l = load(
        "CREATE FOREIGN TABLE ft (a int) SERVER s OPTIONS (table_name 'x');\n\
                  ALTER FOREIGN TABLE ft OPTIONS (SET table_name 'y', ADD schema_name 'r');\n\
                  ALTER FOREIGN TABLE ft ALTER COLUMN a OPTIONS (ADD column_name 'z');",
    )
    .unwrap();
    let ft = &l.schema.tables[&QualifiedName::new("public", "ft")];
    let f = ft.foreign.as_ref().unwrap();
    assert_eq!(
        f.options,
        pairs(&[("schema_name", "r"), ("table_name", "y")])
    );
    assert_eq!(ft.columns[0].fdw_options, pairs(&[("column_name", "z")]));
    let plain = refused("CREATE TABLE t (a int);\nALTER TABLE t OPTIONS (ADD x 'y');");
    assert!(plain.contains("public.t is not a foreign table"), "{plain}");
}
