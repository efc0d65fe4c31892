//! Expressions placed where PostgreSQL's grammar takes less than a full expression.
//!
//! An expression is deparsed as it would follow `SELECT`, where any `a_expr` fits. Some
//! positions take less: a column's or domain's `DEFAULT` takes a `b_expr` (no `AT TIME ZONE`,
//! `IS NULL`, `IN`, `NOT`, `AND`), and an index key takes a function call or a
//! parenthesised expression. Rather than re-state those rules, each position asks
//! PostgreSQL's own grammar (pg_query): the text is kept when it parses there, and
//! parenthesised otherwise, so output that parsed before is unchanged.

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

/// `sql` itself when `probe(sql)` parses, `(sql)` otherwise.
fn fitted(sql: &str, probe: impl Fn(&str) -> String) -> String {
    match pg_query::parse(&probe(sql), 0) {
        Ok(_) => sql.to_string(),
        Err(_) => format!("({sql})"),
    }
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
}
