//! `-- migrator:renamed-from` annotations: how a file says an object was renamed.
//!
//! A table or column says `-- migrator:renamed-from old_name` (on its line or the line
//! before), an enum value `-- migrator:renamed-from 'old label'`. The diff then renames
//! instead of dropping and creating. The comments are read from the statement's text,
//! which pg_query's tree does not keep.

use super::Loader;

impl Loader {
    /// The `-- migrator:renamed-from` annotation of the column defined at file offset
    /// `location`: at the end of its line, or alone on the line before.
    pub(crate) fn column_annotation(&self, location: i32) -> Option<String> {
        let text = &self.statement;
        let at = (location.max(0) as usize)
            .checked_sub(self.statement_start)?
            .min(text.len());
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        if let Some(name) = renamed_from(&text[at..line_end]) {
            return Some(name);
        }
        let prev_start = text[..line_start.saturating_sub(1)]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let prev = text[prev_start..line_start.saturating_sub(1).max(prev_start)].trim();
        if prev.starts_with("--") {
            return renamed_from(prev);
        }
        None
    }
}

/// The name in a `-- migrator:renamed-from NAME` comment within `text`, folded as
/// PostgreSQL folds identifiers (quoted names kept as written).
pub(crate) fn renamed_from(text: &str) -> Option<String> {
    const MARKER: &str = "migrator:renamed-from";
    let rest = text[text.find(MARKER)? + MARKER.len()..].trim_start();
    if let Some(quoted) = rest.strip_prefix('"') {
        return quoted.split('"').next().map(str::to_string);
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    // Folded as PostgreSQL folds an unquoted identifier (see `normalize::split_qualified`).
    (!word.is_empty()).then(|| word.to_ascii_lowercase())
}

/// Where the statement proper starts in `text`: after the blank lines and the `--` and
/// `/* */` comments before it.
pub(crate) fn leading_comments_end(text: &str) -> usize {
    let mut i = 0;
    loop {
        let rest = &text[i..];
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        if trimmed.starts_with("--") {
            i += trimmed.find('\n').map_or(trimmed.len(), |n| n + 1);
        } else if trimmed.starts_with("/*") {
            i += trimmed.find("*/").map_or(trimmed.len(), |n| n + 2);
        } else {
            return i;
        }
    }
}

/// The `-- migrator:renamed-from 'old'` annotations inside the value list of a
/// `CREATE TYPE … AS ENUM (…)` statement, as `(value, old label)`. A comment after a value on
/// its line belongs to that value; a comment alone on a line belongs to the next value.
pub(crate) fn enum_value_renames(text: &str) -> Vec<(String, String)> {
    let b = text.as_bytes();
    let (mut i, mut in_list) = (0usize, false);
    let mut last: Option<(String, usize)> = None;
    let mut pending: Option<String> = None;
    let mut out = Vec::new();
    while i < b.len() {
        match b[i] {
            b'-' if b.get(i + 1) == Some(&b'-') => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                if let (true, Some(old)) = (in_list, enum_old_label(&text[i..end])) {
                    match &last {
                        Some((value, e)) if !text[*e..i].contains('\n') => {
                            out.push((value.clone(), old))
                        }
                        _ => pending = Some(old),
                    }
                }
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(text.len(), |n| i + n + 4);
            }
            b'"' => {
                i = text[i + 1..].find('"').map_or(text.len(), |n| i + n + 2);
            }
            b'\'' => {
                let (value, end) = string_literal(text, i);
                if in_list {
                    if let Some(old) = pending.take() {
                        out.push((value.clone(), old));
                    }
                    last = Some((value, end));
                }
                i = end;
            }
            b'(' => {
                in_list = true;
                i += 1;
            }
            b')' if in_list => break,
            _ => i += 1,
        }
    }
    out
}

/// The SQL string literal starting at `start` (a quote) and the offset just after it.
fn string_literal(text: &str, start: usize) -> (String, usize) {
    let mut value = String::new();
    let mut chars = text[start + 1..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
                value.push('\'');
                continue;
            }
            return (value, start + 1 + k + 1);
        }
        value.push(c);
    }
    (value, text.len())
}

/// The old label in a `-- migrator:renamed-from 'old'` comment: a string literal, or a bare
/// word taken as written (enum labels are case-sensitive).
fn enum_old_label(comment: &str) -> Option<String> {
    const MARKER: &str = "migrator:renamed-from";
    let rest = comment[comment.find(MARKER)? + MARKER.len()..].trim_start();
    if rest.starts_with('\'') {
        let start = comment.len() - rest.len();
        return Some(string_literal(comment, start).0);
    }
    let word: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    (!word.is_empty()).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_value_renames_attach_to_their_value() {
        let sql = "-- migrator:renamed-from 'x'\nCREATE TYPE m AS ENUM (\n  'happy',\n  \
                   'content', -- migrator:renamed-from 'sad'\n  -- migrator:renamed-from 'It''s'\n  \
                   'it''s', 'meh' -- migrator:renamed-from Bof\n)";
        assert_eq!(
            enum_value_renames(sql),
            vec![
                ("content".to_string(), "sad".to_string()),
                ("it's".to_string(), "It's".to_string()),
                ("meh".to_string(), "Bof".to_string()),
            ]
        );
        assert!(enum_value_renames("CREATE TYPE m AS ENUM ('a', 'b')").is_empty());
    }

    #[test]
    fn renamed_from_reads_plain_and_quoted_names() {
        assert_eq!(
            renamed_from("-- migrator:renamed-from OldName"),
            Some("oldname".into())
        );
        assert_eq!(
            renamed_from("x int -- migrator:renamed-from \"Old Name\""),
            Some("Old Name".into())
        );
        assert_eq!(renamed_from("-- nothing here"), None);
        // Under UTF-8, PostgreSQL folds only ASCII letters of an unquoted name.
        assert_eq!(
            renamed_from("-- migrator:renamed-from ÄltereSpalte"),
            Some("Älterespalte".into())
        );
    }
}
