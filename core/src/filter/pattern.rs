//! Filter patterns as the user writes them (`public.events_p*`, `table:audit_*`,
//! `!"Odd Name"`), parsed once into globs, with an error for anything that would match
//! nothing by mistake.
//!
//! Names fold as PostgreSQL folds identifiers: unquoted parts are lower-cased and may hold
//! the glob characters `*` (any run) and `?` (one character); a double-quoted part is taken
//! exactly, glob characters included (`""` is a quote inside it).

use std::fmt;

/// One piece of a glob.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `*`: any run of characters, the empty one too.
    Any,
    /// `?`: exactly one character.
    One,
}

/// A name glob: `events_p*`, `"Odd Name"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    tokens: Vec<Token>,
}

impl Glob {
    /// Whether the glob matches all of `name`.
    pub fn matches(&self, name: &str) -> bool {
        let name: Vec<char> = name.chars().collect();
        // Iterative matching with one backtrack point for the last `*` seen.
        let (mut t, mut n) = (0, 0);
        let mut star: Option<(usize, usize)> = None;
        while n < name.len() {
            match self.tokens.get(t) {
                Some(Token::Any) => {
                    star = Some((t, n));
                    t += 1;
                }
                Some(Token::One) => {
                    t += 1;
                    n += 1;
                }
                Some(Token::Char(c)) if *c == name[n] => {
                    t += 1;
                    n += 1;
                }
                Some(Token::Char(_)) | None => match star {
                    Some((st, sn)) => {
                        t = st + 1;
                        n = sn + 1;
                        star = Some((st, sn + 1));
                    }
                    None => return false,
                },
            }
        }
        self.tokens[t..].iter().all(|tok| *tok == Token::Any)
    }

    /// True for the glob `*` alone.
    pub fn is_any(&self) -> bool {
        self.tokens == [Token::Any]
    }
}

/// What a pattern's name part says: one name (any schema), or a schema and a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameGlob {
    /// `events_*`: the name, in any schema (or a schema's or extension's own name).
    Bare(Glob),
    /// `public.events_*`.
    Qualified { schema: Glob, name: Glob },
}

/// One filter pattern: `[!][kind:][schema.]name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as written, for messages.
    pub text: String,
    /// `!pattern`: the opposite of what the list's plain patterns do.
    pub negated: bool,
    /// `table:…`: the kind it is limited to; `None` for any kind.
    pub kind: Option<String>,
    pub name: NameGlob,
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad filter pattern `{pattern}`: {reason}")]
pub struct PatternError {
    pub pattern: String,
    pub reason: String,
}

/// Parses `text` against the kinds patterns may name (`kinds`); the names of kinds with
/// no patterns of their own (`column`) are refused with the reason given in `refused`.
pub fn parse(
    text: &str,
    kinds: &[String],
    refused: &[(&str, &str)],
) -> Result<Pattern, PatternError> {
    let fail = |reason: String| PatternError {
        pattern: text.to_string(),
        reason,
    };
    let body = text.trim();
    let (negated, body) = match body.strip_prefix('!') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, body),
    };
    let (kind, body) = split_kind(body);
    if let Some(k) = &kind {
        if let Some((_, why)) = refused.iter().find(|(name, _)| name == k) {
            return Err(fail(why.to_string()));
        }
        if !kinds.iter().any(|known| known == k) {
            return Err(fail(format!(
                "unknown kind `{k}`; the kinds are {}",
                kinds.join(", ")
            )));
        }
    }
    let parts = if body.is_empty() && kind.is_some() {
        // `view:` is every view.
        vec![vec![Token::Any]]
    } else {
        split_parts(body).map_err(fail)?
    };
    let mut globs = parts.into_iter().map(|tokens| Glob { tokens });
    let name =
        match (globs.next(), globs.next(), globs.next()) {
            (Some(name), None, None) => NameGlob::Bare(name),
            (Some(schema), Some(name), None) => NameGlob::Qualified { schema, name },
            _ => return Err(fail(
                "too many dots: a pattern is [kind:][schema.]name (quote a name with a dot in it)"
                    .into(),
            )),
        };
    if let (Some(k @ ("schema" | "extension")), NameGlob::Qualified { .. }) =
        (kind.as_deref(), &name)
    {
        return Err(fail(format!("a {k} is not in a schema: write {k}:NAME")));
    }
    Ok(Pattern {
        text: text.trim().to_string(),
        negated,
        kind,
        name,
    })
}

/// Parses one schema name or glob of `schemas = [...]` (`app`, `team_*`, `"Odd"`).
pub fn parse_schema(text: &str) -> Result<Glob, PatternError> {
    let fail = |reason: String| PatternError {
        pattern: text.to_string(),
        reason,
    };
    let mut parts = split_parts(text.trim()).map_err(fail)?;
    match parts.len() {
        1 => Ok(Glob {
            tokens: parts.remove(0),
        }),
        _ => Err(fail(
            "a schema name has no dot (quote it if it does; --schema is the desired SQL)".into(),
        )),
    }
}

/// `table:rest` → (`table`, `rest`); no kind when the text before the first `:` is not a
/// lower-case word (a quoted name may hold a colon).
fn split_kind(body: &str) -> (Option<String>, &str) {
    match body.split_once(':') {
        Some((k, rest))
            if !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
        {
            (Some(k.to_string()), rest.trim_start())
        }
        _ => (None, body),
    }
}

/// The dot-separated parts of a name glob, each as tokens.
fn split_parts(body: &str) -> Result<Vec<Vec<Token>>, String> {
    if body.is_empty() {
        return Err("the pattern is empty".into());
    }
    let mut parts = vec![Vec::new()];
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        let part = parts.last_mut().expect("one part at least");
        match c {
            '"' => loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        part.push(Token::Char('"'));
                    }
                    Some('"') => break,
                    Some(q) => part.push(Token::Char(q)),
                    None => return Err("a double quote is not closed".into()),
                }
            },
            '.' => {
                if part.is_empty() {
                    return Err("a name part is empty".into());
                }
                parts.push(Vec::new());
            }
            '*' => part.push(Token::Any),
            '?' => part.push(Token::One),
            c if c.is_alphanumeric() || c == '_' || c == '$' => {
                part.extend(c.to_lowercase().map(Token::Char))
            }
            c => {
                return Err(format!(
                    "`{c}` cannot appear in an unquoted name: write the name in double quotes"
                ))
            }
        }
    }
    if parts.last().is_some_and(Vec::is_empty) {
        return Err("a name part is empty".into());
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Vec<String> {
        ["table", "view", "schema", "extension", "hypertable"]
            .map(String::from)
            .to_vec()
    }

    fn p(text: &str) -> Pattern {
        parse(text, &kinds(), &[("column", "columns go with their table")]).unwrap()
    }

    fn err(text: &str) -> String {
        parse(text, &kinds(), &[("column", "columns go with their table")])
            .unwrap_err()
            .to_string()
    }

    fn glob(text: &str) -> Glob {
        parse_schema(text).unwrap()
    }

    #[test]
    fn globs_match_whole_names() {
        assert!(glob("events_p*").matches("events_p2024_01_01"));
        assert!(glob("events_p*").matches("events_p"));
        assert!(!glob("events_p*").matches("xevents_p1"));
        assert!(glob("*_audit").matches("orders_audit"));
        assert!(glob("a*b*c").matches("aXXbYYbc"));
        assert!(!glob("a*b*c").matches("aXXbYYbd"));
        assert!(glob("t?").matches("t1"));
        assert!(!glob("t?").matches("t12"));
        assert!(glob("*").matches(""));
        assert!(glob("*").is_any());
    }

    #[test]
    fn unquoted_names_fold_and_quoted_ones_are_exact() {
        assert!(glob("Events").matches("events"));
        assert!(!glob("\"Events\"").matches("events"));
        assert!(glob("\"Odd Name\"").matches("Odd Name"));
        assert!(glob("\"a*\"").matches("a*"));
        assert!(!glob("\"a*\"").matches("ab"));
        assert!(glob("\"say \"\"hi\"\"\"").matches("say \"hi\""));
        assert!(glob("\"Odd\"_*").matches("Odd_1"));
    }

    #[test]
    fn a_pattern_has_negation_kind_schema_and_name() {
        let x = p("!table:public.events_p*");
        assert!(x.negated);
        assert_eq!(x.kind.as_deref(), Some("table"));
        let NameGlob::Qualified { schema, name } = &x.name else {
            panic!("qualified: {x:?}");
        };
        assert!(schema.matches("public") && name.matches("events_p1"));
        assert!(matches!(p("audit_*").name, NameGlob::Bare(_)));
        let every_view = p("view:");
        assert!(matches!(&every_view.name, NameGlob::Bare(g) if g.is_any()));
        let dotted = p("\"a.b\".c");
        let NameGlob::Qualified { schema, .. } = &dotted.name else {
            panic!("qualified: {dotted:?}");
        };
        assert!(schema.matches("a.b"));
    }

    #[test]
    fn bad_patterns_say_what_is_wrong() {
        assert_eq!(
            err("tabel:x"),
            "bad filter pattern `tabel:x`: unknown kind `tabel`; the kinds are \
             table, view, schema, extension, hypertable"
        );
        assert!(err("column:t.c").contains("columns go with their table"));
        assert!(err("a.b.c").contains("too many dots"));
        assert!(err("public.").contains("a name part is empty"));
        assert!(err("").contains("empty"));
        assert!(err("!").contains("empty"));
        assert!(err("\"open").contains("not closed"));
        assert!(err("db/schema").contains("`/` cannot appear"));
        assert!(err("schema:a.b").contains("a schema is not in a schema"));
        assert!(parse_schema("app.x").is_err());
        assert!(parse_schema("db/").is_err());
    }
}
