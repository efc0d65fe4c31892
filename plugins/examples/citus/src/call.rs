//! A small reader for `SELECT f('a', 'b', name => 'c')`: all the SQL this plugin needs.
//! Anything else is left to PostgreSQL (`Ok(None)`) or rejected with a message.

use migrator_plugin_api::Name;

/// One argument: a string literal, or anything else as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Other(String),
}

/// A function call: its lowercase name, positional and named arguments.
#[derive(Debug)]
pub struct Call {
    pub function: String,
    args: Vec<(Option<String>, Arg)>,
}

impl Call {
    pub fn positional(&self, i: usize) -> Option<&Arg> {
        self.args
            .iter()
            .filter(|(n, _)| n.is_none())
            .nth(i)
            .map(|(_, a)| a)
    }

    pub fn named(&self, name: &str) -> Option<&Arg> {
        self.args
            .iter()
            .find(|(n, _)| n.as_deref() == Some(name))
            .map(|(_, a)| a)
    }
}

/// Reads `SELECT [schema.]function(args)`; `Ok(None)` when the statement is not one call.
pub fn parse_call(sql: &str) -> Result<Option<Call>, String> {
    let s = sql.trim().trim_end_matches(';').trim();
    let Some(rest) = strip_keyword(s, "select") else {
        return Ok(None);
    };
    let Some(open) = rest.find('(') else {
        return Ok(None);
    };
    let mut function = rest[..open].trim().to_ascii_lowercase();
    if let Some((_, f)) = function.rsplit_once('.') {
        function = f.to_string();
    }
    if !function
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Ok(None);
    }
    let body = rest[open + 1..].trim_end();
    let Some(body) = body.strip_suffix(')') else {
        return Err(format!(
            "cannot read the call to {function}: expected a closing `)`"
        ));
    };
    let mut args = Vec::new();
    for part in split_args(body)? {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (name, value) = match part.find("=>").or_else(|| part.find(":=")) {
            Some(i) if !part[..i].contains('\'') => (
                Some(part[..i].trim().to_ascii_lowercase()),
                part[i + 2..].trim(),
            ),
            _ => (None, part),
        };
        args.push((name, literal(value)?));
    }
    Ok(Some(Call { function, args }))
}

fn strip_keyword<'a>(s: &'a str, kw: &str) -> Option<&'a str> {
    let head = s.get(..kw.len())?;
    let rest = &s[kw.len()..];
    (head.eq_ignore_ascii_case(kw) && rest.starts_with(char::is_whitespace)).then(|| rest.trim())
}

/// Splits on commas outside string literals and parentheses.
fn split_args(body: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut in_str, mut depth) = (false, 0i32);
    for c in body.chars() {
        match c {
            '\'' => in_str = !in_str,
            '(' if !in_str => depth += 1,
            ')' if !in_str => depth -= 1,
            ',' if !in_str && depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if in_str {
        return Err("unterminated string literal".into());
    }
    out.push(cur);
    Ok(out)
}

/// A string literal's value (`'it''s'` → `it's`), optionally cast (`'t'::regclass`).
fn literal(v: &str) -> Result<Arg, String> {
    let v = v.trim();
    let v = v.split("::").next().unwrap_or(v).trim();
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return Ok(Arg::Text(v[1..v.len() - 1].replace("''", "'")));
    }
    Ok(Arg::Other(v.to_string()))
}

/// Resolves a `regclass` text as PostgreSQL does: `orders` → public.orders, unquoted parts
/// fold to lower case, `"Orders"` keeps its case.
pub fn table_name(text: &str) -> Result<Name, String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            '"' => {
                quoted = !quoted;
                was_quoted = true;
            }
            '.' if !quoted => {
                parts.push(finish(&mut cur, &mut was_quoted));
            }
            c => cur.push(c),
        }
    }
    if quoted {
        return Err(format!("unterminated quoted name in `{text}`"));
    }
    parts.push(finish(&mut cur, &mut was_quoted));
    match parts.as_slice() {
        [t] if !t.is_empty() => Ok(Name::new("public", t.clone())),
        [s, t] if !s.is_empty() && !t.is_empty() => Ok(Name::new(s.clone(), t.clone())),
        _ => Err(format!("`{text}` is not a table name")),
    }
}

fn finish(cur: &mut String, was_quoted: &mut bool) -> String {
    let s = std::mem::take(cur);
    let s = if *was_quoted {
        s
    } else {
        s.trim().to_lowercase()
    };
    *was_quoted = false;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_positional_and_named_arguments() {
        let c = parse_call(
            "SELECT create_distributed_table('Orders', 'user_id', colocate_with => 'users')",
        )
        .unwrap()
        .unwrap();
        assert_eq!(c.function, "create_distributed_table");
        assert_eq!(c.positional(1), Some(&Arg::Text("user_id".into())));
        assert_eq!(c.named("colocate_with"), Some(&Arg::Text("users".into())));
    }

    #[test]
    fn resolves_table_names_like_regclass() {
        assert_eq!(table_name("Orders").unwrap(), Name::new("public", "orders"));
        assert_eq!(
            table_name("s.\"Odd\"\"x\"").unwrap(),
            Name::new("s", "Odd\"x")
        );
    }

    #[test]
    fn other_selects_are_left_alone() {
        assert!(parse_call("SELECT 1").unwrap().is_none());
        assert!(parse_call("CREATE TABLE t (id int)").unwrap().is_none());
    }
}
