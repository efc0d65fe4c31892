//! Reading foreign data from the live catalog: each `pg_foreign_data_wrapper` and
//! `pg_foreign_server` row not owned by an extension, and the user mappings of those
//! servers (`pg_user_mappings`), printed as `CREATE FOREIGN DATA WRAPPER`, `CREATE SERVER`,
//! `CREATE USER MAPPING` and `COMMENT ON` and queued for the SQL interpreter, so the
//! catalog's form and a file's go through the same loader. Foreign tables are read with the
//! tables (`table/catalog.rs`).
//!
//! A mapping for the role migrator connects as reads as `FOR CURRENT_USER`, as files
//! write it; a function a wrapper names is qualified unless it is built in or an
//! extension's (found along the search path).

use crate::introspect::{not_extension_member, Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::kinds::CURRENT_USER;
use migrator_core::schema::FdwOptions;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

/// ` OPTIONS (name 'value', …)` of the options column `column`, or nothing.
fn options_sql(column: &str) -> String {
    format!(
        "coalesce((SELECT ' OPTIONS (' || string_agg(quote_ident(o.option_name) || ' ' \
                || quote_literal(o.option_value), ', ' ORDER BY o.option_name) || ')' \
             FROM pg_options_to_table({column}) o), '')"
    )
}

/// The name of the function `oid` as a wrapper's `HANDLER` or `VALIDATOR` takes it.
fn function_sql(oid: &str) -> String {
    format!(
        "(SELECT CASE WHEN n.nspname = 'pg_catalog' OR EXISTS (SELECT 1 FROM pg_depend e \
                WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e') \
              THEN quote_ident(p.proname) ELSE format('%I.%I', n.nspname, p.proname) END \
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid = {oid})"
    )
}

fn query(_: &Scope) -> String {
    let wrapper_member = not_extension_member("pg_foreign_data_wrapper", "w.oid");
    let server_member = not_extension_member("pg_foreign_server", "s.oid");
    format!(
        "SELECT 1 AS step, w.fdwname::text AS name, current_user::text AS connected, \
                format('CREATE FOREIGN DATA WRAPPER %I', w.fdwname) \
                || coalesce(' HANDLER ' || {handler}, '') \
                || coalesce(' VALIDATOR ' || {validator}, '') || {wrapper_options} || ';' \
                || coalesce(format(E'\\nCOMMENT ON FOREIGN DATA WRAPPER %I IS %L;', w.fdwname, \
                       obj_description(w.oid, 'pg_foreign_data_wrapper')), '') AS sql \
         FROM pg_foreign_data_wrapper w WHERE {wrapper_member} \
         UNION ALL \
         SELECT 2, s.srvname::text, current_user::text, \
                format('CREATE SERVER %I', s.srvname) \
                || coalesce(' TYPE ' || quote_literal(s.srvtype), '') \
                || coalesce(' VERSION ' || quote_literal(s.srvversion), '') \
                || format(' FOREIGN DATA WRAPPER %I', w.fdwname) || {server_options} || ';' \
                || coalesce(format(E'\\nCOMMENT ON SERVER %I IS %L;', s.srvname, \
                       obj_description(s.oid, 'pg_foreign_server')), '') \
         FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw \
         WHERE {server_member} \
         UNION ALL \
         SELECT 3, m.srvname::text || ' ' || m.usename::text, current_user::text, \
                'CREATE USER MAPPING FOR ' \
                || CASE WHEN m.umuser = 0 THEN 'PUBLIC' \
                        WHEN m.usename = current_user THEN 'CURRENT_USER' \
                        ELSE quote_ident(m.usename) END \
                || format(' SERVER %I', m.srvname) || {mapping_options} || ';' \
         FROM pg_user_mappings m JOIN pg_foreign_server s ON s.oid = m.srvid \
         WHERE {server_member} \
         ORDER BY 1, 2",
        handler = function_sql("NULLIF(w.fdwhandler, 0)"),
        validator = function_sql("NULLIF(w.fdwvalidator, 0)"),
        wrapper_options = options_sql("w.fdwoptions"),
        server_options = options_sql("s.srvoptions"),
        mapping_options = options_sql("m.umoptions"),
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    let mut sql = String::new();
    let mut connected = None;
    for row in rows {
        sql.push_str(row.col::<&str>("sql")?);
        sql.push('\n');
        connected = Some(row.col::<String>("connected")?);
    }
    if !sql.is_empty() {
        cx.interpret(sql);
    }
    if let Some(role) = connected {
        // Files may name the role a `CURRENT_USER` mapping is for (core's diff pass).
        cx.after_interpreter(move |schema| {
            let current = schema.user_mappings.values_mut();
            for m in current.filter(|m| m.user == CURRENT_USER) {
                m.role = Some(role.clone());
            }
        });
    }
    Ok(())
}

/// A catalog's `{name=value,…}` options (`ftoptions`, `attfdwoptions`), sorted by name.
pub(crate) fn options(text: Option<Vec<String>>) -> FdwOptions {
    let mut options: FdwOptions = (text.unwrap_or_default().iter())
        .map(|o| {
            let (name, value) = o.split_once('=').unwrap_or((o, ""));
            (name.to_string(), value.to_string())
        })
        .collect();
    options.sort();
    options
}
