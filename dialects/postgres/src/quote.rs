//! Identifier quoting, exactly as PostgreSQL's `quote_ident` decides it.
//!
//! An identifier stays bare when it is lower-case ASCII letters, digits, `_` (not
//! starting with a digit) and is not a keyword other than an unreserved one. Keyword
//! categories come from pg_query's scanner, so they follow the real grammar.

use pg_query::protobuf::KeywordKind;
use std::collections::HashMap;
use std::sync::Mutex;

static CACHE: Mutex<Option<HashMap<String, bool>>> = Mutex::new(None);

/// Quotes `name` if PostgreSQL would need it quoted.
pub fn quote_ident(name: &str) -> String {
    if needs_quotes(name) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_string()
    }
}

/// Quotes a schema-qualified name, omitting nothing.
pub fn quote_qualified(schema: &str, name: &str) -> String {
    format!("{}.{}", quote_ident(schema), quote_ident(name))
}

fn needs_quotes(name: &str) -> bool {
    let mut chars = name.chars();
    let simple = matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !simple {
        return true;
    }
    // Every keyword is letters and `_` only (`kwlist.h`): a name with a digit is none, and
    // needs no scan (most generated names, `t00042_id_seq`, are such).
    if name.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some(&q) = cache.get(name) {
        return q;
    }
    let reserved = pg_query::scan(name)
        .ok()
        .and_then(|r| r.tokens.first().map(|t| t.keyword_kind))
        .is_some_and(|k| {
            k != KeywordKind::NoKeyword as i32 && k != KeywordKind::UnreservedKeyword as i32
        });
    cache.insert(name.to_string(), reserved);
    reserved
}

#[cfg(test)]
mod tests {
    use super::quote_ident;

    #[test]
    fn quotes_only_what_postgres_would() {
        assert_eq!(quote_ident("users"), "users");
        assert_eq!(quote_ident("user"), "\"user\"");
        assert_eq!(quote_ident("order"), "\"order\"");
        assert_eq!(quote_ident("name"), "name");
        assert_eq!(quote_ident("Users"), "\"Users\"");
        assert_eq!(quote_ident("with space"), "\"with space\"");
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote_ident("café"), "\"café\"");
        assert_eq!(quote_ident("t00042_id_seq"), "t00042_id_seq");
        assert_eq!(quote_ident("1abc"), "\"1abc\"");
    }
}
