//! `migrator diff`: the steps `generate` would write, as text or JSON, without writing;
//! with `--exit-code`, a drift check for CI. Coloured on a terminal.

use super::plan;
use crate::args::DiffFormat;
use crate::edge::Console;
use crate::request::{DiffRequest, Project};
use crate::terminal::Palette;
use crate::{Failure, EXIT_CHANGES};
use anstyle::Style;
use migrator_core::migrations::BuiltStep;
use migrator_core::plan::TxRule;
use std::io::Write;

/// Prints the steps of every requested dialect.
pub fn run(
    project: &Project,
    r: &DiffRequest,
    palette: Palette,
    io: &mut Console,
) -> Result<(), Failure> {
    let g = &r.generate;
    let mut report_steps = Vec::new();
    for n in &g.dialects {
        let dialect = project.dialects.get(n)?;
        if let Some(planned) = plan(project, dialect.as_ref(), g, &g.dir, io)? {
            report_steps.push((n.clone(), planned.steps));
        }
    }
    match r.format {
        DiffFormat::Json => {
            let value: serde_json::Value = report_steps
                .iter()
                .map(|(n, s)| (n.clone(), serde_json::to_value(s).unwrap_or_default()))
                .collect::<serde_json::Map<_, _>>()
                .into();
            let _ = writeln!(io.out, "{}", serde_json::to_string_pretty(&value)?);
        }
        DiffFormat::Text => text(&report_steps, palette, io.out),
    }
    if r.exit_code && !report_steps.is_empty() {
        return Err(Failure {
            message: String::new(),
            code: EXIT_CHANGES,
        });
    }
    Ok(())
}

/// Each step's heading, notes and up SQL, dialect by dialect, in `palette`'s colours.
fn text(report_steps: &[(String, Vec<BuiltStep>)], palette: Palette, out: &mut dyn Write) {
    let (h, note) = (palette.heading, palette.note);
    if report_steps.is_empty() {
        let _ = writeln!(out, "no changes");
    }
    for (n, steps) in report_steps {
        for (i, s) in steps.iter().enumerate() {
            let tx = if s.tx == TxRule::InTransaction {
                "in a transaction"
            } else {
                "alone, outside a transaction"
            };
            let _ = writeln!(
                out,
                "{h}-- {n} step {}: {} ({tx}){h:#}",
                i + 1,
                s.description
            );
            for line in &s.up_notes {
                let _ = writeln!(out, "{note}-- {line}{note:#}");
            }
            for st in &s.up {
                let _ = writeln!(out, "{}\n", paint_comments(&st.sql, note));
            }
        }
    }
}

/// `sql` with its comment lines (hazards, notes) in `note`'s colour.
fn paint_comments(sql: &str, note: Style) -> String {
    if note == Style::new() {
        return sql.to_string();
    }
    sql.split('\n')
        .map(|line| {
            if line.trim_start().starts_with("--") {
                format!("{note}{line}{note:#}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
