//! The statement loop: each statement of a file, with its line and text, applied in order.
//!
//! A statement's text runs from the end of the one before, so the comments above it
//! (`-- migrator:renamed-from …`) belong to it. Lines are counted as the loop goes. The
//! guards migrator writes around idempotent DDL (`DO $migrator$ … $migrator$`) are opened
//! and their statements applied, as a first run of the migration would. psql's inline
//! `COPY … FROM stdin` data is blanked before parsing.

use super::Loader;
use migrator_core::dialect::LoadError;
use pg_query::protobuf::{self as pb, node::Node as N};

/// The line (1-based) of byte offset `pos` in `text`.
fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The statements inside a guard migrator writes for idempotent DDL,
/// `DO $migrator$ BEGIN IF <condition> THEN <statements> [ELSE <statements>] END IF; END
/// $migrator$`, or `None` for any other `DO` block.
fn guarded_statements(d: &pb::DoStmt) -> Option<String> {
    let body = body(d)?.trim();
    let rest = body.strip_prefix("BEGIN IF ")?;
    let rest = rest.strip_suffix("END IF; END")?;
    let (_, statements) = rest.split_once(" THEN\n")?;
    // `IF … THEN <a> ELSE <b> END IF`: both branches give the same schema (they differ in
    // data, such as a sequence's `RESTART`); the second carries nothing more.
    let statements = statements
        .split_once("\nELSE\n")
        .map_or(statements, |(_, otherwise)| otherwise);
    Some(statements.to_string())
}

/// The code of a `DO` block.
fn body(d: &pb::DoStmt) -> Option<&str> {
    d.args.iter().find_map(|a| match a.node.as_ref()? {
        N::DefElem(e) if e.defname == "as" => match e.arg.as_deref()?.node.as_ref()? {
            N::String(s) => Some(s.sval.as_str()),
            _ => None,
        },
        _ => None,
    })
}

/// Parses SQL text with pg_query; a syntax error names the file and line.
pub fn parse_sql(file: &str, text: &str) -> Result<pb::ParseResult, LoadError> {
    pg_query::parse(text, 0)
        .map(|p| p.protobuf)
        .map_err(|e| syntax_error(file, text, e))
}

/// A parse failure of `text` as a load error: the file, the line and pg_query's message.
fn syntax_error(file: &str, text: &str, error: pg_query::Error) -> LoadError {
    let message = match error {
        pg_query::Error::Parse(m) => m,
        other => other.to_string(),
    };
    LoadError::Sql {
        file: file.to_string(),
        line: locate_parse_error(text, &message),
        message,
    }
}

/// Locates a parse error: the failing statement, and the token the parser names.
fn locate_parse_error(text: &str, message: &str) -> usize {
    let Ok(pieces) = pg_query::split_with_scanner(text) else {
        return 1;
    };
    for piece in pieces {
        if pg_query::parse(piece, 0).is_ok() {
            continue;
        }
        let start = piece.as_ptr() as usize - text.as_ptr() as usize;
        let near = message
            .split_once("at or near \"")
            .and_then(|(_, rest)| rest.rsplit_once('"'))
            .map(|(tok, _)| tok);
        let offset = near
            .and_then(|tok| piece.find(tok))
            .unwrap_or_else(|| piece.len() - piece.trim_start().len());
        return line_of(text, start + offset);
    }
    1
}

/// How many statements are parsed into one tree at a time: a whole file's tree, decoded
/// from pg_query's protobuf, costs about 100 KiB per table; a chunk's is freed once its
/// statements are applied (docs/BENCHMARKS.md).
const STATEMENTS_PER_PARSE: usize = 256;

/// Where the statement loop stands in the file text: the line counted so far and the end
/// of the last statement applied.
#[derive(Default)]
struct Position {
    counted_to: usize,
    line: usize,
    previous_end: usize,
}

/// The byte ranges of `text` to parse one after another, each holding up to
/// [`STATEMENTS_PER_PARSE`] statements as PostgreSQL's scanner splits them; `None` when
/// the text does not scan (an unterminated quote, reported by parsing the whole).
///
/// The scanner only lexes: it splits at every top-level `;`, also inside a `BEGIN ATOMIC`
/// body or a rule's action list, which [`parse_chunks`] mends by parsing such a chunk
/// with the next. Splitting with the parser would parse every statement twice.
fn chunk_ranges(text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let pieces = pg_query::split_with_scanner(text).ok()?;
    let mut ranges = Vec::with_capacity(pieces.len() / STATEMENTS_PER_PARSE + 1);
    let mut start = 0;
    for group in pieces.chunks(STATEMENTS_PER_PARSE) {
        let last = group.last()?;
        let end = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
        ranges.push(start..end);
        start = end;
    }
    if start < text.len() || ranges.is_empty() {
        ranges.push(start..text.len());
    }
    Some(ranges)
}

/// Parses `text`'s chunks in order and hands each, with its byte range, to `apply`. A
/// chunk that ends inside a statement (the parser wants more input: the scanner split a
/// `BEGIN ATOMIC` body) is parsed again with the next chunk; any other syntax error names
/// its line in the file.
fn parse_chunks(
    file: &str,
    text: &str,
    ranges: Vec<std::ops::Range<usize>>,
    mut apply: impl FnMut(std::ops::Range<usize>, pb::ParseResult) -> Result<(), LoadError>,
) -> Result<(), LoadError> {
    let mut pending_start = None;
    let last = ranges.len().saturating_sub(1);
    for (i, range) in ranges.into_iter().enumerate() {
        let range = pending_start.take().unwrap_or(range.start)..range.end;
        let chunk = &text[range.clone()];
        match pg_query::parse(chunk, 0) {
            Ok(parsed) => apply(range, parsed.protobuf)?,
            Err(pg_query::Error::Parse(m)) if m.ends_with("at end of input") && i < last => {
                pending_start = Some(range.start);
            }
            Err(e) => {
                return Err(match syntax_error(file, chunk, e) {
                    LoadError::Sql {
                        file,
                        line,
                        message,
                    } => LoadError::Sql {
                        file,
                        line: line_of(text, range.start) + line - 1,
                        message,
                    },
                    other => other,
                })
            }
        }
    }
    Ok(())
}

impl Loader {
    /// Parses `text` a chunk of statements at a time and applies its statements.
    pub fn load_text(&mut self, file: &str, text: &str) -> Result<(), LoadError> {
        let text = blank_copy_data(text);
        let Some(ranges) = chunk_ranges(&text) else {
            let parsed = parse_sql(file, &text)?;
            return self.apply_parsed(file, &text, &parsed);
        };
        let mut position = Position {
            line: 1,
            ..Position::default()
        };
        parse_chunks(file, &text, ranges, |range, parsed| {
            self.apply_chunk(file, &text, range, &parsed, &mut position)
        })
    }

    /// Applies the statements of `text`, already parsed by [`parse_sql`].
    fn apply_parsed(
        &mut self,
        file: &str,
        text: &str,
        parsed: &pb::ParseResult,
    ) -> Result<(), LoadError> {
        let mut position = Position {
            line: 1,
            ..Position::default()
        };
        self.apply_chunk(file, text, 0..text.len(), parsed, &mut position)
    }

    /// Applies the statements of `parsed`, the parse of `text[chunk]`.
    fn apply_chunk(
        &mut self,
        file: &str,
        text: &str,
        chunk: std::ops::Range<usize>,
        parsed: &pb::ParseResult,
        position: &mut Position,
    ) -> Result<(), LoadError> {
        self.file = file.to_string();
        for raw in &parsed.stmts {
            let start = (chunk.start + raw.stmt_location.max(0) as usize).min(chunk.end);
            let rest = &text[start..];
            let pos = start + (rest.len() - rest.trim_start().len());
            // Lines are counted incrementally: statements come in file order.
            let counted_to = position.counted_to;
            position.line += text.as_bytes()[counted_to..pos.max(counted_to)]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            position.counted_to = pos.max(counted_to);
            self.line = position.line;
            let Some(node) = raw.stmt.as_ref().and_then(|s| s.node.as_ref()) else {
                continue;
            };
            // The last statement of a parse has no length: it runs to the chunk's end.
            let end = if raw.stmt_len > 0 {
                (start + raw.stmt_len as usize).min(chunk.end)
            } else {
                chunk.end
            };
            // A statement's text runs from the end of the previous one, so the comments
            // before it (`-- migrator:renamed-from …`) are part of it.
            let from = position.previous_end.min(pos).min(end);
            let untrimmed = &text[from..end];
            let body = untrimmed.trim_start_matches(|c: char| c == ';' || c.is_whitespace());
            self.statement_start = from + (untrimmed.len() - body.len());
            self.statement = body.trim_end().to_string();
            position.previous_end = end;
            self.apply_statement(file, node)?;
        }
        Ok(())
    }

    /// Applies one statement: an extension's, a guard migrator wrote, or PostgreSQL's.
    fn apply_statement(&mut self, file: &str, node: &N) -> Result<(), LoadError> {
        if let Some(result) = self.offer_to_extensions(node) {
            self.invalidate_relation_names();
            return result.map_err(|message| LoadError::Sql {
                file: file.to_string(),
                line: self.line,
                message,
            });
        }
        if let N::DoStmt(d) = node {
            // migrator's own clean-up of what PostgreSQL leaves behind and no schema lists
            // (the copies of a parent's indexes on a detached partition): nothing to model.
            if body(d).is_some_and(|b| b.trim_start().starts_with("-- migrator: ")) {
                return Ok(());
            }
            // migrator's own catalog guards (idempotent DDL): replaying migrations
            // applies the guarded statements, as a first run does.
            if let Some(inner) = guarded_statements(d) {
                let parsed = parse_sql(file, &inner)?;
                for stmt in &parsed.stmts {
                    let one = pb::ParseResult {
                        version: parsed.version,
                        stmts: vec![stmt.clone()],
                    };
                    match self.apply_parsed(file, &inner, &one) {
                        // The guard would have skipped what already exists.
                        Err(LoadError::Sql { message, .. })
                            if message.contains("already exists") => {}
                        other => other?,
                    }
                }
                self.file = file.to_string();
                return Ok(());
            }
        }
        self.apply(node).map_err(|message| LoadError::Sql {
            file: file.to_string(),
            line: self.line,
            message,
        })
    }
}

/// Blanks the inline data of psql's `COPY … FROM stdin;` (up to the `\.` line), which is
/// not SQL, keeping every newline so line numbers stay right.
fn blank_copy_data(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.to_ascii_lowercase().contains("from stdin") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_data = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if in_data {
            if body == "\\." {
                in_data = false;
            }
            out.push_str(&line[body.len()..]);
            continue;
        }
        let lower = body.trim().to_ascii_lowercase();
        if lower.starts_with("copy ") && lower.contains(" from stdin") && lower.ends_with(';') {
            in_data = true;
        }
        out.push_str(line);
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use migrator_core::schema::QualifiedName;

    #[test]
    fn copy_from_stdin_data_is_skipped_and_lines_still_count() {
        let sql = "CREATE TABLE a (x int);\nCOPY a (x) FROM stdin;\n1\n2\n\\.\nCREATE TABLE b (y int);\nALTER TABLE nope ADD z int;\n";
        let mut l = Loader::default();
        let err = l.load_text("f.sql", sql).unwrap_err().to_string();
        assert_eq!(err, "f.sql:7: table public.nope does not exist");
        assert!(l
            .schema
            .tables
            .contains_key(&QualifiedName::new("public", "b")));
    }

    #[test]
    fn lines_and_statement_text_carry_across_parse_chunks() {
        let load = |tables_before: usize| {
            let mut sql = String::new();
            for i in 0..tables_before {
                sql.push_str(&format!("-- table {i}\nCREATE TABLE t{i} (x int);\n"));
            }
            sql.push_str("COMMENT ON TABLE t0 IS 'c';\n\nALTER TABLE nope ADD z int;\n");
            sql.push_str(&"CREATE TABLE later (x int);\n".repeat(STATEMENTS_PER_PARSE));
            let mut l = Loader::default();
            let err = l.load_text("f.sql", &sql).unwrap_err().to_string();
            let line = 2 * tables_before + 3;
            assert_eq!(
                err,
                format!("f.sql:{line}: table public.nope does not exist")
            );
            assert_eq!(l.schema.tables.len(), tables_before);
            // The failing statement's own text, not the rest of its chunk or file.
            assert_eq!(l.statement, "ALTER TABLE nope ADD z int");
        };
        // The ALTER last in the first parse, first in the second, and in the third.
        load(STATEMENTS_PER_PARSE - 2);
        load(STATEMENTS_PER_PARSE - 1);
        load(2 * STATEMENTS_PER_PARSE + 10);
    }

    #[test]
    fn a_function_body_split_by_the_scanner_is_parsed_whole() {
        // The scanner splits `BEGIN ATOMIC … END` at its inner `;`: with the function's
        // first inner statement the last of a chunk, the chunk ends inside the function.
        let mut sql: String = (1..STATEMENTS_PER_PARSE)
            .map(|i| format!("CREATE TABLE a{i} (x int);\n"))
            .collect();
        sql.push_str(
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;\n",
        );
        sql.push_str("CREATE TABLE b (y int);\nALTER TABLE nope ADD z int;\n");
        let mut l = Loader::default();
        let err = l.load_text("f.sql", &sql).unwrap_err().to_string();
        let line = STATEMENTS_PER_PARSE - 1 + 7;
        assert_eq!(
            err,
            format!("f.sql:{line}: table public.nope does not exist")
        );
        assert_eq!(l.schema.functions.len(), 1);
        assert!(l
            .schema
            .tables
            .contains_key(&QualifiedName::new("public", "b")));
    }

    #[test]
    fn a_syntax_error_past_the_first_chunk_names_its_line() {
        let mut sql: String = (0..STATEMENTS_PER_PARSE + 5)
            .map(|i| format!("CREATE TABLE a{i} (x int);\n"))
            .collect();
        sql.push_str("CREATE TABLE b (y int,);\n");
        let err = Loader::default()
            .load_text("f.sql", &sql)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!("f.sql:{}: ", STATEMENTS_PER_PARSE + 6)),
            "{err}"
        );
    }
}
