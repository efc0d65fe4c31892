//! `migrator status`: the status workflow on the first requested dialect, printed; the
//! exit code says whether the database is up to date (0), only behind (2), or needs a
//! person (1).

use super::with_migrations;
use crate::edge::Console;
use crate::request::{LiveRequest, Project};
use crate::{Failure, EXIT_CHANGES};
use migrator_core::migrations::DirFormat;
use migrator_core::workflow::status::{status, Status, StatusOf};
use std::io::Write;

/// Reads the database and prints where it stands.
pub fn run(project: &Project, r: &LiveRequest, io: &mut Console) -> Result<(), Failure> {
    let dialect = project.dialects.get(&r.dialect)?;
    let s = with_migrations(project, dialect.as_ref(), &r.dir, |migrations| {
        let of = StatusOf {
            migrations,
            dsn: &r.dsn,
            with_privileges: project.with_privileges,
            filter: &r.filter,
        };
        status(&of, io).map_err(Failure::workflow)
    })?;
    print(&s, project.format, r, io.out);
    if s.clean() {
        return Ok(());
    }
    let message = match s.sound() {
        true => format!("{} pending", s.pending.len()),
        false => "the database needs attention (see above)".to_string(),
    };
    Err(Failure {
        message,
        code: if s.sound() { EXIT_CHANGES } else { 1 },
    })
}

fn print(s: &Status, format: DirFormat, r: &LiveRequest, out: &mut dyn Write) {
    let dir = r.dir.display();
    let table = s.tool.table;
    match &s.recorded {
        None => {
            let _ = writeln!(
                out,
                "no {table} table ({} bookkeeping): nothing applied yet",
                format.name()
            );
        }
        Some(rec) => {
            let versions: Vec<String> = s.applied.iter().map(u64::to_string).collect();
            let _ = match s.applied.last() {
                Some(v) => writeln!(
                    out,
                    "applied: version {v}, recorded in {}.{table} (files applied: versions {})",
                    rec.schema,
                    versions.join(", ")
                ),
                None => writeln!(out, "applied: nothing ({}.{table} is empty)", rec.schema),
            };
            if let Some(v) = rec.dirty {
                let _ = writeln!(
                    out,
                    "dirty: version {v} failed part-way; {}",
                    repair(format, v)
                );
            }
            for v in &rec.unreadable {
                let _ = writeln!(
                    out,
                    "note: {table} records version `{v}`, which is not a whole number; ignored"
                );
            }
        }
    }
    for m in &s.pending {
        let file = m.up.as_deref().unwrap_or_default();
        let _ = writeln!(out, "pending: {dir}/{file}");
    }
    for v in &s.missing {
        let _ = writeln!(
            out,
            "missing: version {v} is applied but has no file in {dir}; restore it from \
             version control (no drift can be told for what it did)"
        );
    }
    if s.drift.is_empty() {
        let _ = writeln!(out, "no drift: the database matches the applied migrations");
        return;
    }
    let _ = writeln!(
        out,
        "drift: the database differs from the applied migrations; these statements would \
         bring it back to them:"
    );
    for step in &s.drift {
        for st in &step.up {
            let _ = writeln!(out, "{}\n", st.sql);
        }
    }
}

/// How the tool of `format` gets past a version that failed part-way.
fn repair(format: DirFormat, v: u64) -> String {
    match format {
        DirFormat::GolangMigrate => format!(
            "finish or undo it by hand, then `migrate force {v}` (finished) or `migrate force \
             {}` (undone)",
            v.saturating_sub(1)
        ),
        DirFormat::Flyway => {
            "finish or undo it by hand, then `flyway repair` to remove the failed entry".to_string()
        }
        DirFormat::Goose | DirFormat::Dbmate => "finish or undo it by hand".to_string(),
    }
}
