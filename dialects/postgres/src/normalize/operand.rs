//! Expressions placed where PostgreSQL's grammar takes less than a full expression, and the
//! cheap syntax questions that decide it.
//!
//! An expression is deparsed as it would follow `SELECT`, where any `a_expr` fits. Some
//! positions take less: a column's or domain's `DEFAULT` takes a `b_expr` (no `AT TIME ZONE`,
//! `IS NULL`, `IN`, `NOT`, `AND`), and an index key takes a function call or a
//! parenthesised expression. Rather than re-state those rules, each position asks
//! PostgreSQL's own grammar (pg_query): the text is kept when it parses there, and
//! parenthesised otherwise, so output that parsed before is unchanged.
//!
//! Asking is a syntax check only ([`parses`]): PostgreSQL's raw parser, without turning
//! the tree into Rust values, which costs several times the parse itself. A text that is
//! one constant (`'new'`, `0`) fits every position, so it is kept without asking.

/// `sql` as the operand of `DEFAULT` in a column or domain definition
/// (<https://www.postgresql.org/docs/current/sql-createtable.html>, `DEFAULT default_expr`).
pub fn default_operand(sql: &str) -> String {
    fitted(sql, |s| format!("CREATE TABLE t (c integer DEFAULT {s})"))
}

/// `sql` as an index key (<https://www.postgresql.org/docs/current/sql-createindex.html>:
/// "parentheses can be omitted if the expression has the form of a function call").
pub fn index_operand(sql: &str) -> String {
    fitted(sql, |s| format!("CREATE INDEX ON t ({s})"))
}

/// `sql` itself when `probe(sql)` parses, `(sql)` otherwise. A constant parses wherever an
/// expression may stand, in a `DEFAULT` as in an index key's parentheses.
fn fitted(sql: &str, probe: impl Fn(&str) -> String) -> String {
    if is_plain_string(sql) || is_plain_number(sql) || parses(&probe(sql)).is_ok() {
        sql.to_string()
    } else {
        format!("({sql})")
    }
}

/// Whether `sql` passes PostgreSQL's parser (the default, top-level grammar); `Err` carries
/// the message `pg_query::parse` gives for it, word for word.
///
/// Only the raw parser runs: `pg_query::parse` also serialises the tree to protobuf and
/// decodes it into Rust values, which is most of its cost and which a syntax check does
/// not need.
pub fn parses(sql: &str) -> Result<(), String> {
    match pg_query::split_with_parser(sql) {
        Ok(_) => Ok(()),
        // The same parser and message as `parse`, reported as `parse` reports it.
        Err(pg_query::Error::Split(message)) => Err(pg_query::Error::Parse(message).to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// Whether `sql` is exactly one standard string literal (`'it''s'`): a quote, then
/// characters where quotes come only doubled, then a closing quote. PostgreSQL reads that
/// as one string constant (`standard_conforming_strings` keeps backslashes plain), and a
/// text that is not of this shape gets no answer here.
pub(crate) fn is_plain_string(sql: &str) -> bool {
    let Some(inner) = sql.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) else {
        return false;
    };
    // Every quote inside must be one of a doubled pair: `pending` is a quote whose pair
    // has not come yet.
    let mut pending = false;
    for c in inner.chars() {
        if c == '\'' {
            pending = !pending;
        } else if pending {
            return false;
        }
    }
    !pending
}

/// Whether `sql` is an unsigned decimal constant (`0`, `12.50`).
fn is_plain_number(sql: &str) -> bool {
    let (whole, fraction) = sql.split_once('.').unwrap_or((sql, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// Whether `sql` cannot be a bare string constant because of how it starts: a digit, a
/// quoted identifier, or a word that is not a string prefix (`E'…'`, `N'…'`, `U&'…'`).
/// A word or a number followed by anything is a column, a call, a typed constant
/// (`text 'x'`) or a number, never an untyped string.
pub(crate) fn starts_as_non_string(sql: &str) -> bool {
    let b = sql.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    let prefix = match first {
        b'e' | b'E' | b'n' | b'N' => b.get(1) == Some(&b'\''),
        b'u' | b'U' => b.get(1) == Some(&b'&'),
        _ => false,
    };
    (first.is_ascii_alphanumeric() || first == b'_' || first == b'"') && !prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_is_parenthesised_only_where_the_grammar_needs_it() {
        assert_eq!(
            default_operand("now() AT TIME ZONE 'UTC'"),
            "(now() AT TIME ZONE 'UTC')"
        );
        assert_eq!(default_operand("a IS NULL"), "(a IS NULL)");
        assert_eq!(default_operand("NOT true"), "(NOT true)");
        assert_eq!(default_operand("now()"), "now()");
        assert_eq!(default_operand("1 + 2"), "1 + 2");
        assert_eq!(default_operand("'x'::text"), "'x'::text");
        assert_eq!(default_operand("'it''s'"), "'it''s'");
        assert_eq!(default_operand("12.50"), "12.50");
    }

    #[test]
    fn an_index_key_is_parenthesised_unless_it_is_a_call() {
        assert_eq!(
            index_operand("ts AT TIME ZONE 'UTC'"),
            "(ts AT TIME ZONE 'UTC')"
        );
        assert_eq!(index_operand("lower(name)"), "lower(name)");
        assert_eq!(
            index_operand("EXTRACT(year FROM d)"),
            "EXTRACT(year FROM d)"
        );
        assert_eq!(index_operand("a + b"), "(a + b)");
    }

    #[test]
    fn the_syntax_check_reports_as_parse_does() {
        assert_eq!(parses("SELECT 1; SELECT 2"), Ok(()));
        for bad in ["SELEC 1", "CREATE TABLE t (", "SELECT 'x", "SELECT 1\0"] {
            let parse = pg_query::parse(bad, 0)
                .map(|_| ())
                .map_err(|e| e.to_string());
            assert!(parse.is_err(), "{bad}");
            assert_eq!(parses(bad), parse, "{bad}");
        }
    }

    #[test]
    fn the_lexical_rules_agree_with_the_parser() {
        // Each text, and whether it is one untyped string constant.
        let cases = [
            ("'x'", true),
            ("''", true),
            ("''''", true),
            ("'it''s'", true),
            ("'a\\'", true),
            ("'a'''", true),
            ("'a''", false),
            ("'a' || 'b'", false),
            ("'a'\n'b'", false),
            ("'x'::text", false),
            ("E'x'", false),
            ("now()", false),
            ("nextval('s'::regclass)", false),
            ("text 'x'", false),
            ("b'101'", false),
            ("\"c\"", false),
            ("0", false),
        ];
        for (sql, string) in cases {
            assert_eq!(is_plain_string(sql), string, "{sql}");
            let parsed = crate::normalize::parsed_string_constant(sql);
            if is_plain_string(sql) || starts_as_non_string(sql) {
                assert_eq!(parsed, is_plain_string(sql), "{sql}");
            }
            assert_eq!(crate::normalize::is_string_constant(sql), parsed, "{sql}");
        }
        assert!(!starts_as_non_string("E'x'") && !starts_as_non_string("U&'x'"));
        assert!(!starts_as_non_string("n'x'") && !starts_as_non_string("('x')"));
        assert!(starts_as_non_string("nextval('s')") && starts_as_non_string("u(1)"));
        for n in ["0", "12", "12.50"] {
            assert!(is_plain_number(n), "{n}");
        }
        for n in ["", ".5", "1.", "1e5", "-1", "1.2.3", "0x1"] {
            assert!(!is_plain_number(n), "{n}");
        }
    }
}
