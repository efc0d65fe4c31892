//! Values for generated rows: one text literal per type and row number, and the literals a
//! CHECK names as the values to try when the first guess breaks it.
//!
//! Every value is written as `'text'::type` with the column's own type, so PostgreSQL's
//! input functions and casts do the typing: a domain applies its CHECKs, an enum its
//! labels, an array its element type. The generator only has to find text each type
//! accepts; where it has none, the column is left NULL (or its default) and the database
//! says whether that is allowed.

use std::collections::BTreeMap;

/// A type as the generator needs it (`pg_type`).
#[derive(Debug, Clone)]
pub(super) struct Type {
    pub name: String,
    /// `typtype`: `b` base, `d` domain, `e` enum, `c` composite, `r` range, `m` multirange.
    pub kind: String,
    /// `typcategory` (`N` numeric, `S` string, `A` array, …).
    pub category: String,
    pub elem: i64,
    pub base: i64,
    /// A domain's own type modifier (its `varchar(n)`).
    pub typmod: i32,
    pub labels: Vec<String>,
    /// A domain's CHECK constraints, as `pg_get_constraintdef` prints them.
    pub checks: Vec<String>,
}

/// The types by OID.
pub(super) type Types = BTreeMap<i64, Type>;

/// The text of value number `i` of type `oid` with modifier `typmod`, or `None` when the
/// generator knows no text for the type (a composite).
pub(super) fn literal(types: &Types, oid: i64, typmod: i32, i: usize) -> Option<String> {
    let t = types.get(&oid)?;
    match t.kind.as_str() {
        "d" => return literal(types, t.base, t.typmod, i),
        "e" => return (!t.labels.is_empty()).then(|| t.labels[i % t.labels.len()].clone()),
        "c" => return None,
        _ => {}
    }
    if t.category == "A" && t.elem != 0 {
        let e = literal(types, t.elem, typmod, i)?;
        return Some(format!(
            "{{\"{}\"}}",
            e.replace('\\', "\\\\").replace('"', "\\\"")
        ));
    }
    let n = i + 1;
    Some(match t.name.as_str() {
        "bool" => ["true", "false"][i % 2].to_string(),
        "uuid" => format!("00000000-0000-4000-8000-{n:012}"),
        "json" | "jsonb" => format!("{{\"n\": {n}}}"),
        "bytea" => format!("\\x{:02x}", n % 256),
        "date" => format!("2024-01-{:02}", i % 28 + 1),
        "timestamp" | "timestamptz" => format!("2024-01-{:02} 12:{:02}:00", i % 28 + 1, i % 60),
        "time" | "timetz" => format!("12:{:02}:00", i % 60),
        "interval" => format!("{n} days"),
        "inet" | "cidr" => format!("10.0.{}.0/24", n % 256),
        "macaddr" => format!("08:00:2b:01:02:{:02x}", n % 256),
        "xml" => format!("<n>{n}</n>"),
        "tsvector" | "tsquery" => format!("w{n}"),
        "bit" | "varbit" => bits(typmod, n),
        "char" => char::from(b'a' + (i % 26) as u8).to_string(),
        _ => match t.category.as_str() {
            "S" => text(typmod, n),
            "R" => format!("[{n},{})", n + 1),
            _ => n.to_string(),
        },
    })
}

/// A string for `varchar(n)`/`char(n)`/`text` (modifier `n + 4`, or -1 without a limit):
/// digits, which a later retype of the column to a number can cast.
fn text(typmod: i32, n: usize) -> String {
    let s = n.to_string();
    let limit = usize::try_from(typmod - 4).unwrap_or(usize::MAX);
    if s.len() <= limit {
        s
    } else {
        // One character: a letter per row, so unique columns still get distinct values.
        char::from(b'a' + ((n - 1) % 26) as u8).to_string()
    }
}

/// `n` in binary, as many digits as `bit(len)` takes (1 for `varbit` without a limit).
fn bits(typmod: i32, n: usize) -> String {
    let len = usize::try_from(typmod).unwrap_or(1).max(1);
    let b = format!("{n:0len$b}");
    b[b.len() - len..].to_string()
}

/// The values a CHECK's text suggests for its columns: its string literals, and around its
/// numbers (`x > 0` takes 1, `x BETWEEN 10 AND 20` takes 11).
pub(super) fn check_literals(check: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = check.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c == '\'' {
            let mut s = String::new();
            k += 1;
            while k < chars.len() {
                if chars[k] == '\'' && chars.get(k + 1) == Some(&'\'') {
                    s.push('\'');
                    k += 2;
                } else if chars[k] == '\'' {
                    break;
                } else {
                    s.push(chars[k]);
                    k += 1;
                }
            }
            out.push(s);
        } else if c.is_ascii_digit() && (k == 0 || !is_word(chars[k - 1])) {
            let start = k;
            while k < chars.len() && (chars[k].is_ascii_digit() || chars[k] == '.') {
                k += 1;
            }
            let number: String = chars[start..k].iter().collect();
            let negative = start > 0 && chars[start - 1] == '-';
            match number.parse::<i64>() {
                Ok(v) => {
                    let v = if negative { -v } else { v };
                    out.extend([v + 1, v, v - 1].map(|x| x.to_string()));
                }
                Err(_) => out.push(number),
            }
            continue;
        }
        k += 1;
    }
    out.dedup();
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '"'
}

/// `text` as an SQL string literal.
pub(super) fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(name: &str, category: &str) -> Type {
        Type {
            name: name.into(),
            kind: "b".into(),
            category: category.into(),
            elem: 0,
            base: 0,
            typmod: -1,
            labels: vec![],
            checks: vec![],
        }
    }

    #[test]
    fn strings_fit_their_length_and_stay_distinct() {
        let types: Types = [(1043, base("varchar", "S"))].into();
        assert_eq!(literal(&types, 1043, 14, 0).as_deref(), Some("1"));
        assert_eq!(literal(&types, 1043, 5, 0).as_deref(), Some("1"));
        assert_eq!(literal(&types, 1043, 5, 11).as_deref(), Some("l"));
    }

    #[test]
    fn domains_arrays_and_enums_resolve_to_their_values() {
        let mut enum_t = base("mood", "E");
        enum_t.kind = "e".into();
        enum_t.labels = vec!["sad".into(), "ok".into()];
        let mut array = base("_mood", "A");
        array.elem = 10;
        let mut domain = base("short", "S");
        domain.kind = "d".into();
        domain.base = 1043;
        domain.typmod = 7;
        let types: Types = [
            (10, enum_t),
            (11, array),
            (12, domain),
            (1043, base("varchar", "S")),
        ]
        .into();
        assert_eq!(literal(&types, 10, -1, 1).as_deref(), Some("ok"));
        assert_eq!(literal(&types, 11, -1, 0).as_deref(), Some("{\"sad\"}"));
        assert_eq!(literal(&types, 12, -1, 2).as_deref(), Some("3"));
    }

    #[test]
    fn a_check_suggests_its_literals_and_the_numbers_around_its_bounds() {
        assert_eq!(
            check_literals("CHECK ((status = ANY (ARRAY['new'::text, 'it''s'::text])))"),
            vec!["new", "it's"]
        );
        assert_eq!(
            check_literals("CHECK ((qty > 10) AND (qty < 20))"),
            vec!["11", "10", "9", "21", "20", "19"]
        );
        assert_eq!(check_literals("CHECK ((x2 > -5))"), vec!["-4", "-5", "-6"]);
    }
}
