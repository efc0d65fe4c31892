//! `migrator diff`: the steps `generate` would write, as text or JSON, without writing;
//! with `--exit-code`, a drift check for CI.

use super::plan;
use crate::args::DiffFormat;
use crate::request::{DiffRequest, Project};
use crate::{Failure, EXIT_CHANGES};
use migrator_core::migrations::BuiltStep;
use migrator_core::plan::TxRule;
use std::io::Write;

/// Prints the steps of every requested dialect.
pub fn run(
    project: &Project,
    r: &DiffRequest,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let g = &r.generate;
    let mut report_steps = Vec::new();
    for n in &g.dialects {
        let dialect = project.dialects.get(n)?;
        if let Some(planned) = plan(project, dialect.as_ref(), g, &g.dir, out, err)? {
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
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(&value)?);
        }
        DiffFormat::Text => text(&report_steps, out),
    }
    if r.exit_code && !report_steps.is_empty() {
        return Err(Failure {
            message: String::new(),
            code: EXIT_CHANGES,
        });
    }
    Ok(())
}

/// Each step's heading, notes and up SQL, dialect by dialect.
fn text(report_steps: &[(String, Vec<BuiltStep>)], out: &mut dyn Write) {
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
            let _ = writeln!(out, "-- {n} step {}: {} ({tx})", i + 1, s.description);
            for line in &s.up_notes {
                let _ = writeln!(out, "-- {line}");
            }
            for st in &s.up {
                let _ = writeln!(out, "{}\n", st.sql);
            }
        }
    }
}
