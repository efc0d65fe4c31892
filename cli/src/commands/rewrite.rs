//! `migrator baseline` and `migrator squash`: the rewrite workflows, written under the
//! directory's lock, after its sum gate, through the crash-safe writer (new files linked,
//! then replaced ones removed, then the sum), like the files `generate` writes.

use super::with_migrations;
use crate::edge::Console;
use crate::request::{LiveRequest, Project, SquashRequest, Written};
use crate::writer::DirLock;
use crate::Failure;
use migrator_core::filter::Filter;
use migrator_core::migrations::sum::SUM_FILE;
use migrator_core::workflow::integrity;
use migrator_core::workflow::rewrite::{self, Target};
use std::path::Path;

/// Runs `f` on the target of `dialect` in `dir`.
fn with_target<T>(
    project: &Project,
    dialect: &str,
    dir: &Path,
    filter: &Filter,
    written: Written,
    f: impl FnOnce(&Target) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let d = project.dialects.get(dialect)?;
    with_migrations(project, d.as_ref(), dir, |migrations| {
        f(&Target {
            migrations,
            filter,
            with_privileges: project.with_privileges,
            idempotent: written.idempotent,
            pg_version: written.pg_version,
        })
    })
}

/// Writes version 1 from the live database and says how to mark it applied.
pub fn baseline(project: &Project, r: &LiveRequest, io: &mut Console) -> Result<(), Failure> {
    with_target(project, &r.dialect, &r.dir, &r.filter, r.written, |t| {
        let lock = DirLock::acquire(&r.dir, io.err)?;
        let gate = integrity::gate(&r.dir, project.format, io).map_err(Failure::workflow)?;
        let b = rewrite::baseline(t, &r.dsn, io).map_err(Failure::workflow)?;
        let sum = gate.next_sum(&b.files);
        for p in lock.write_new(&b.files, sum.as_ref())? {
            let _ = writeln!(io.out, "wrote {}", p.display());
        }
        let _ = writeln!(io.out, "updated {}", r.dir.join(SUM_FILE).display());
        let _ = writeln!(
            io.out,
            "the database already has this schema: mark version {} applied there with your \
             migration tool (migrator never writes to it):\n  {}",
            b.version,
            rewrite::mark_applied(project.format, &r.dir, b.version)
        );
        Ok(())
    })
}

/// Replaces versions 1..N with their replay.
pub fn squash(project: &Project, r: &SquashRequest, io: &mut Console) -> Result<(), Failure> {
    // Checked before locking, which would create the directory's parent.
    if !r.dir.is_dir() {
        return Err(format!("{}: no such migrations directory", r.dir.display()).into());
    }
    with_target(project, &r.dialect, &r.dir, &r.filter, r.written, |t| {
        let lock = DirLock::acquire(&r.dir, io.err)?;
        let gate = integrity::gate(&r.dir, project.format, io).map_err(Failure::workflow)?;
        let s = rewrite::squash(t, r.to, r.applied_nowhere, io).map_err(Failure::workflow)?;
        let sum = gate.sum_replacing(&s.files, &s.removed);
        for p in lock.replace(&s.files, &s.removed, Some(&sum))? {
            let _ = writeln!(io.out, "wrote {}", p.display());
        }
        for name in &s.removed {
            let _ = writeln!(io.out, "removed {}", r.dir.join(name).display());
        }
        let _ = writeln!(io.out, "updated {}", r.dir.join(SUM_FILE).display());
        let versions: Vec<String> = s.versions.iter().map(u64::to_string).collect();
        let _ = writeln!(
            io.out,
            "squashed versions {} into version {}",
            versions.join(", "),
            r.to
        );
        Ok(())
    })
}
