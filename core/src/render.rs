//! Template rendering: every statement and every migration file is text from a Tera template.
//!
//! Templates are found by name along the dialect chain (`timescale/add_column.sql`, then
//! `postgres/add_column.sql`), so a dialect inherits its base's templates and a project
//! overrides any of them by placing a file of the same name in its own template directory.
//! Two filters keep overrides safe: `ident` quotes an identifier and `literal` an SQL string.

use include_dir::{include_dir, Dir};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The output-format templates shipped with migrator (`templates/formats/<format>/…`).
static FORMAT_TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../templates/formats");

/// A template failure, naming the template file and, when it can be found, the line.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("no template `{0}` (looked along the dialect chain {1})")]
    Missing(String, String),
    #[error("template {}: {message}", located(.name, *.line))]
    Tera {
        /// The template's name, or the override's path when it came from a project.
        name: String,
        /// The 1-based line in the template, when Tera or the error message points at one.
        line: Option<usize>,
        message: String,
    },
}

fn located(name: &str, line: Option<usize>) -> String {
    match line {
        Some(l) => format!("{name}:{l}"),
        None => name.to_string(),
    }
}

/// Quotes an identifier the dialect's way.
pub type QuoteFn = Arc<dyn Fn(&str) -> String + Send + Sync>;

/// Renders statements and files from the templates of one dialect chain.
pub struct Renderer {
    tera: tera::Tera,
    chain: Vec<String>,
    /// Where each template came from, for `templates list` and error messages.
    origins: BTreeMap<String, String>,
    /// Each template's text, to find the line a render error points at.
    sources: BTreeMap<String, String>,
}

/// Every built-in output-format template, by name (`formats/golang-migrate/up.sql`).
pub fn format_templates() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    collect(&FORMAT_TEMPLATES, "formats", &mut out);
    out
}

fn collect(dir: &Dir<'_>, prefix: &str, out: &mut BTreeMap<String, String>) {
    for f in dir.files() {
        if let Some(text) = f.contents_utf8() {
            out.insert(format!("{prefix}/{}", f.path().display()), text.to_string());
        }
    }
    for d in dir.dirs() {
        collect(d, prefix, out);
    }
}

impl Renderer {
    /// Builds a renderer from built-in templates plus `overrides` (same names win).
    ///
    /// `chain` lists the dialect and its bases, most specific first.
    pub fn new(
        builtin: &BTreeMap<String, String>,
        overrides: &BTreeMap<String, (String, String)>,
        chain: Vec<String>,
        quote: QuoteFn,
    ) -> Result<Renderer, RenderError> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![]);
        let mut origins = BTreeMap::new();
        let mut all: Vec<(String, String)> = Vec::new();
        for (name, text) in builtin.iter().chain(format_templates().iter()) {
            if let Some((path, text)) = overrides.get(name) {
                origins.insert(name.clone(), path.clone());
                all.push((name.clone(), text.clone()));
            } else {
                origins.insert(name.clone(), "built-in".to_string());
                all.push((name.clone(), text.clone()));
            }
        }
        for (name, (path, text)) in overrides {
            if !origins.contains_key(name) {
                origins.insert(name.clone(), path.clone());
                all.push((name.clone(), text.clone()));
            }
        }
        // Partials (`_guarded.sql`) go first: Tera checks a template's parent and includes
        // as it is added, and a plugin dialect's templates may extend postgres's.
        all.sort_by_key(|(name, _)| !is_partial(name));
        for (name, text) in &all {
            tera.add_raw_template(name, text).map_err(|e| {
                let message = tera_message(&e);
                RenderError::Tera {
                    name: origin_name(&origins, name),
                    line: parse_error_line(&message).or_else(|| guess_line(text, &message)),
                    message,
                }
            })?;
        }
        let sources: BTreeMap<String, String> = all.into_iter().collect();
        let q = quote.clone();
        tera.register_filter(
            "ident",
            move |v: &tera::Value, _: &HashMap<String, tera::Value>| match v {
                tera::Value::String(s) => Ok(tera::Value::String(q(s))),
                tera::Value::Object(o) => {
                    let part = |k: &str| o.get(k).and_then(|x| x.as_str()).unwrap_or("");
                    Ok(tera::Value::String(format!(
                        "{}.{}",
                        q(part("schema")),
                        q(part("name"))
                    )))
                }
                other => Err(tera::Error::msg(format!("ident: cannot quote {other}"))),
            },
        );
        tera.register_filter(
            "literal",
            |v: &tera::Value, _: &HashMap<String, tera::Value>| match v {
                tera::Value::String(s) => Ok(tera::Value::String(quote_literal(s))),
                tera::Value::Null => Ok(tera::Value::String("NULL".into())),
                other => Ok(tera::Value::String(quote_literal(&other.to_string()))),
            },
        );
        Ok(Renderer {
            tera,
            chain,
            origins,
            sources,
        })
    }

    /// Renders the statement template `name` (e.g. `add_column`) for this dialect chain.
    pub fn render_statement(
        &self,
        name: &str,
        context: &serde_json::Value,
    ) -> Result<String, RenderError> {
        self.render_statement_owned(name, context.clone())
    }

    /// [`Renderer::render_statement`] of a context the caller no longer needs: Tera takes
    /// it as it is, without a copy (a statement's context can be a whole table's).
    pub fn render_statement_owned(
        &self,
        name: &str,
        context: serde_json::Value,
    ) -> Result<String, RenderError> {
        let full = self
            .chain
            .iter()
            .map(|d| format!("{d}/{name}.sql"))
            .find(|n| self.origins.contains_key(n))
            .ok_or_else(|| RenderError::Missing(name.to_string(), self.chain.join(" → ")))?;
        let text = self.render_owned(&full, context)?;
        Ok(text.trim().to_string())
    }

    /// Renders the template with the full name `name` (e.g. `formats/goose/file.sql`).
    pub fn render(&self, name: &str, context: &serde_json::Value) -> Result<String, RenderError> {
        self.render_owned(name, context.clone())
    }

    /// [`Renderer::render`] of a context the caller no longer needs: not copied first.
    pub fn render_owned(
        &self,
        name: &str,
        context: serde_json::Value,
    ) -> Result<String, RenderError> {
        let ctx = tera::Context::from_value(context).map_err(|e| RenderError::Tera {
            name: name.to_string(),
            line: None,
            message: tera_message(&e),
        })?;
        self.tera.render(name, &ctx).map_err(|e| {
            let message = tera_message(&e);
            RenderError::Tera {
                name: origin_name(&self.origins, name),
                line: self
                    .sources
                    .get(name)
                    .and_then(|text| guess_line(text, &message)),
                message,
            }
        })
    }

    /// True when a template of this full name exists (`formats/goose/migration.sql`).
    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// Every template with its origin (`built-in` or the override's path).
    pub fn origins(&self) -> &BTreeMap<String, String> {
        &self.origins
    }
}

/// A partial is a template other templates extend or include, never rendered for a change
/// by itself: its file name starts with `_` (`postgres/_guarded.sql`).
fn is_partial(name: &str) -> bool {
    name.rsplit('/')
        .next()
        .is_some_and(|base| base.starts_with('_'))
}

fn origin_name(origins: &BTreeMap<String, String>, name: &str) -> String {
    match origins.get(name).map(String::as_str) {
        Some("built-in") | None => name.to_string(),
        Some(path) => path.to_string(),
    }
}

/// The line of a Tera parse error: pest reports it as ` --> 3:10`.
fn parse_error_line(message: &str) -> Option<usize> {
    let at = message.find("--> ")? + 4;
    let rest = &message[at..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Tera's render errors name no line; they quote the variable, filter or test that
/// failed (`Variable `x.y` not found`, `Filter call 'ident' failed`), so the line is the
/// first one of the template that mentions it.
fn guess_line(text: &str, message: &str) -> Option<usize> {
    let mut needles: Vec<&str> = Vec::new();
    for quote in ['`', '\'', '"'] {
        for (i, inside) in message.split(quote).enumerate() {
            if i % 2 == 1 && !inside.is_empty() && !inside.contains('/') && !inside.contains(' ') {
                needles.push(inside);
            }
        }
    }
    needles.iter().find_map(|n| {
        text.lines()
            .position(|l| l.contains(n) && l.contains("{"))
            .map(|i| i + 1)
    })
}

/// Tera's message with its causes, which carry the line and column of a parse error.
fn tera_message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// Quotes `s` as an SQL string literal (`'it''s'`, or `E'…'` when it holds a backslash).
pub fn quote_literal(s: &str) -> String {
    let body = s.replace('\'', "''");
    if s.contains('\\') {
        format!("E'{}'", body.replace('\\', "\\\\"))
    } else {
        format!("'{body}'")
    }
}
