//! The migrator command line: clap → request → dispatch → error report.
//!
//! [`run`] parses the arguments ([`args`]), merges them with `migrator.toml` ([`config`])
//! into one typed request per subcommand ([`request`]), and dispatches it to the
//! subcommand's function ([`commands`]). The workflows themselves live in
//! `migrator_core::workflow`; this crate reads files and writes output at the edges
//! ([`edge`], [`writer`]) and turns failures into a message and an exit code.

pub mod args;
mod commands;
pub mod config;
mod edge;
mod request;
pub mod templates;
pub mod terminal;
pub mod writer;

use args::Cli;
use clap::Parser;
use migrator_core::dialects::Dialects;
use migrator_core::workflow::WorkflowError;
use std::ffi::OsString;
use std::io::Write;
use std::sync::Arc;
use terminal::Terminal;

pub use edge::read_sql;

/// A failed command: the message for the user and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure {
            message: e.to_string(),
            code: 1,
        }
    }
}

impl Failure {
    /// A failed workflow: refused destructive changes exit with [`EXIT_DESTRUCTIVE`].
    fn workflow(e: WorkflowError) -> Failure {
        let code = match e {
            WorkflowError::Destructive { .. } => EXIT_DESTRUCTIVE,
            _ => 1,
        };
        Failure {
            message: e.to_string(),
            code,
        }
    }
}

/// The exit code of a generate refused for destructive changes.
pub const EXIT_DESTRUCTIVE: i32 = 3;

/// The exit code of `diff --exit-code` when there are changes.
pub const EXIT_CHANGES: i32 = 2;

/// The dialect used when neither `--dialect` nor `dialect` in migrator.toml names one.
pub const DEFAULT_DIALECT: &str = "postgres";

/// The built-in dialects.
pub fn builtin_dialects() -> Dialects {
    let mut d = Dialects::default();
    d.add(Arc::new(migrator_postgres::Postgres));
    d.add(Arc::new(migrator_timescale::Timescale));
    d
}

/// Runs the command line `args` (program name first) with no terminal: no spinner, no
/// colour; returns the exit code.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_with(args, out, err, Terminal::default())
}

/// Runs the command line `args` on `terminal` (see [`Terminal::detect`]).
pub fn run_with<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write, terminal: Terminal) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let text = e.render().to_string();
            if e.use_stderr() {
                let _ = write!(err, "{text}");
            } else {
                let _ = write!(out, "{text}");
            }
            return code;
        }
    };
    let result = request::build(cli, err)
        .and_then(|(project, request)| commands::dispatch(&project, request, terminal, out, err));
    match result {
        Ok(()) => 0,
        Err(f) => {
            if !f.message.is_empty() {
                let _ = writeln!(err, "error: {}", f.message);
            }
            f.code
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_destructive_changes_exit_with_their_own_code() {
        let refused = Failure::workflow(WorkflowError::Destructive {
            dialect: "d".into(),
            changes: vec!["drop_t (deletes_data)".into()],
        });
        assert_eq!(refused.code, EXIT_DESTRUCTIVE);
        assert!(refused.message.contains("  - drop_t (deletes_data)"));
        let other = Failure::workflow(WorkflowError::Sql("no .sql files under x".into()));
        assert_eq!(
            (other.code, other.message.as_str()),
            (1, "no .sql files under x")
        );
    }
}
