//! DDL builders for foreign data: `CREATE | ALTER | DROP FOREIGN DATA WRAPPER`, `… SERVER`,
//! `… USER MAPPING` (with their comments), and `ALTER FOREIGN TABLE … OPTIONS`. The
//! `OPTIONS (ADD | SET | DROP …)` list that turns one set of options into another is
//! [`option_changes`], which columns of foreign tables use too.

use crate::ddl::comments::restore_comment;
use crate::ddl::{context_builder, create_drop_builders, qname};
use crate::quote::quote_ident;
use migrator_core::dialect::Registry;
use migrator_core::kinds::{
    AlterForeignDataWrapper, AlterForeignServer, AlterUserMapping, SetForeignTableOptions,
    CURRENT_USER, PUBLIC_USER,
};
use migrator_core::render::quote_literal;
use migrator_core::schema::{ForeignDataWrapper, ForeignServer, QualifiedName, UserMapping};
use serde_json::{json, Value};

/// `name 'value'` for each option, as `CREATE … OPTIONS (…)` lists them.
pub(crate) fn option_list(options: &[(String, String)]) -> Vec<String> {
    (options.iter())
        .map(|(name, value)| format!("{} {}", quote_ident(name), quote_literal(value)))
        .collect()
}

/// `ADD | SET name 'value'`, `DROP name`: what `ALTER … OPTIONS (…)` lists to go from
/// `from` to `to`.
pub(crate) fn option_changes(from: &[(String, String)], to: &[(String, String)]) -> Vec<String> {
    let value_of = |list: &[(String, String)], name: &str| {
        list.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    };
    let mut out: Vec<String> = (from.iter())
        .filter(|(name, _)| value_of(to, name).is_none())
        .map(|(name, _)| format!("DROP {}", quote_ident(name)))
        .collect();
    for (name, value) in to {
        let verb = match value_of(from, name) {
            None => "ADD",
            Some(v) if v != *value => "SET",
            Some(_) => continue,
        };
        out.push(format!(
            "{verb} {} {}",
            quote_ident(name),
            quote_literal(value)
        ));
    }
    out
}

/// The condition under which an idempotent `ALTER … OPTIONS` still has work to do: the
/// options the catalog holds (`stored`, an expression of its `text[]`) are not yet `to`.
pub(crate) fn options_guard(stored: &str, to: &[(String, String)]) -> String {
    let target: Vec<String> = (to.iter())
        .map(|(name, value)| quote_literal(&format!("{name}={value}")))
        .collect();
    format!(
        "ARRAY(SELECT unnest(coalesce({stored}, '{{}}')) ORDER BY 1) IS DISTINCT FROM \
         ARRAY(SELECT unnest(ARRAY[{}]::text[]) ORDER BY 1)",
        target.join(", ")
    )
}

/// A wrapper's function as `HANDLER` and `VALIDATOR` take it: qualified when it is a
/// function the schema defines, else as the search path finds it.
fn function(f: &QualifiedName) -> String {
    match f.schema.is_empty() {
        true => quote_ident(&f.name),
        false => qname(f),
    }
}

fn wrapper_context(w: &ForeignDataWrapper) -> Value {
    json!({
        "name": quote_ident(&w.name),
        "raw_name": w.name,
        "handler": w.handler.as_ref().map(function),
        "validator": w.validator.as_ref().map(function),
        "options": option_list(&w.options),
        "comments": restore_comment(w),
    })
}

fn alter_wrapper(c: &AlterForeignDataWrapper) -> Value {
    let (from, to) = (&c.from, &c.to);
    let functions = [
        ("HANDLER", &from.handler, &to.handler),
        ("VALIDATOR", &from.validator, &to.validator),
    ];
    let actions: Vec<String> = (functions.into_iter())
        .filter(|(_, was, is)| was != is)
        .map(|(word, _, is)| match is {
            Some(f) => format!("{word} {}", function(f)),
            None => format!("NO {word}"),
        })
        .collect();
    json!({
        "name": quote_ident(&to.name),
        "actions": actions,
        "options": option_changes(&from.options, &to.options),
        "options_guard": options_guard(
            &format!(
                "(SELECT fdwoptions FROM pg_foreign_data_wrapper WHERE fdwname = {})",
                quote_literal(&to.name)
            ),
            &to.options,
        ),
    })
}

fn server_context(s: &ForeignServer) -> Value {
    json!({
        "name": quote_ident(&s.name),
        "raw_name": s.name,
        "server_type": s.server_type.as_deref().map(quote_literal),
        "version": s.version.as_deref().map(quote_literal),
        "wrapper": quote_ident(&s.wrapper),
        "raw_wrapper": s.wrapper,
        "stored_type": s.server_type.as_deref().map_or("NULL".to_string(), quote_literal),
        "options": option_list(&s.options),
        "comments": restore_comment(s),
    })
}

fn alter_server(c: &AlterForeignServer) -> Value {
    let (from, to) = (&c.from, &c.to);
    let version = (from.version != to.version).then(|| {
        to.version
            .as_deref()
            .map_or("NULL".to_string(), quote_literal)
    });
    json!({
        "name": quote_ident(&to.name),
        "version": version,
        "options": option_changes(&from.options, &to.options),
        "options_guard": options_guard(
            &format!(
                "(SELECT srvoptions FROM pg_foreign_server WHERE srvname = {})",
                quote_literal(&to.name)
            ),
            &to.options,
        ),
    })
}

/// The user of a mapping as `FOR` takes it.
fn mapping_user(user: &str) -> String {
    match user {
        PUBLIC_USER | CURRENT_USER => user.to_string(),
        role => quote_ident(role),
    }
}

fn mapping_context(m: &UserMapping) -> Value {
    json!({
        "user": mapping_user(&m.user),
        "server": quote_ident(&m.server),
        "options": option_list(&m.options),
    })
}

fn alter_mapping(c: &AlterUserMapping) -> Value {
    let user = match c.to.user.as_str() {
        PUBLIC_USER => "umuser = 0".to_string(),
        CURRENT_USER => "usename = current_user".to_string(),
        role => format!("usename = {}", quote_literal(role)),
    };
    let stored = format!(
        "(SELECT umoptions FROM pg_user_mappings WHERE srvname = {} AND {user})",
        quote_literal(&c.to.server)
    );
    json!({
        "user": mapping_user(&c.to.user),
        "server": quote_ident(&c.to.server),
        "options": option_changes(&c.from.options, &c.to.options),
        "options_guard": options_guard(&stored, &c.to.options),
    })
}

fn set_table_options(c: &SetForeignTableOptions) -> Value {
    json!({
        "table": qname(&c.table),
        "options": option_changes(&c.from, &c.to),
        "options_guard": options_guard(
            &format!(
                "(SELECT ftoptions FROM pg_foreign_table WHERE ftrelid = to_regclass({}))",
                quote_literal(&qname(&c.table))
            ),
            &c.to,
        ),
    })
}

/// Registers this kind's builders.
pub(crate) fn register(r: &mut Registry) {
    create_drop_builders(r, wrapper_context);
    r.builder(context_builder(alter_wrapper));
    create_drop_builders(r, server_context);
    r.builder(context_builder(alter_server));
    create_drop_builders(r, mapping_context);
    r.builder(context_builder(alter_mapping));
    r.builder(context_builder(set_table_options));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn options_are_added_set_and_dropped_by_name() {
        let from = options(&[("dbname", "app"), ("host", "a"), ("port", "5432")]);
        let to = options(&[("fetch_size", "100"), ("host", "b"), ("port", "5432")]);
        assert_eq!(
            option_changes(&from, &to),
            ["DROP dbname", "ADD fetch_size '100'", "SET host 'b'"]
        );
        assert!(option_changes(&to, &to).is_empty());
    }
}
