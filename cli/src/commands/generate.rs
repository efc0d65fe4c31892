//! `migrator generate`: check every directory against its `migrator.sum`, plan every
//! dialect, then write the files and the updated sum; with several dialects, one directory
//! per dialect under the migrations directory.

use super::plan;
use crate::edge::Console;
use crate::request::{GenerateRequest, Project};
use crate::writer::DirLock;
use crate::Failure;
use migrator_core::migrations::sum::SUM_FILE;
use migrator_core::workflow::integrity;
use std::path::PathBuf;

/// Locks every target directory, plans the files of every requested dialect, then writes
/// them; nothing is written when any dialect fails.
pub fn run(project: &Project, r: &GenerateRequest, io: &mut Console) -> Result<(), Failure> {
    // Validate every dialect before writing anything.
    let chosen = r
        .dialects
        .iter()
        .map(|n| project.dialects.get(n))
        .collect::<Result<Vec<_>, _>>()?;
    let several = chosen.len() > 1;
    let targets: Vec<PathBuf> = chosen
        .iter()
        .map(|d| {
            if several {
                r.dir.join(d.name())
            } else {
                r.dir.clone()
            }
        })
        .collect();
    // Held from reading the existing versions until the files are written, taken in path
    // order so that two runs naming the dialects in another order cannot deadlock.
    let mut order: Vec<usize> = (0..targets.len()).collect();
    order.sort_by(|&a, &b| targets[a].cmp(&targets[b]));
    let mut locks = Vec::new();
    for i in order {
        locks.push((i, DirLock::acquire(&targets[i], io.err)?));
    }
    locks.sort_by_key(|(i, _)| *i);
    // Every directory must match its sum before anything is planned on top of it.
    let mut gates = Vec::new();
    for target in &targets {
        let gate = integrity::gate(target, project.format, io).map_err(Failure::workflow)?;
        gates.push(gate);
    }
    let mut planned = Vec::new();
    for (d, target) in chosen.iter().zip(&targets) {
        planned.push(plan(project, d.as_ref(), r, target, io)?);
    }
    for (((files, target), (_, lock)), gate) in
        planned.into_iter().zip(&targets).zip(&locks).zip(&gates)
    {
        let files = files.map(|p| p.files).unwrap_or_default();
        if files.is_empty() {
            let _ = writeln!(
                io.out,
                "no changes{}",
                if several {
                    format!(" in {}", target.display())
                } else {
                    String::new()
                }
            );
        }
        let sum = gate.next_sum(&files);
        if gate.first_sum {
            let _ = writeln!(
                io.err,
                "note: {} has no {SUM_FILE} yet; writing one that records the migrations as \
                 they are now (from here on, generate and validate refuse edits to them)",
                target.display()
            );
        }
        if files.is_empty() && sum.is_none() {
            continue;
        }
        for p in lock.write_new(&files, sum.as_ref())? {
            let _ = writeln!(io.out, "wrote {}", p.display());
        }
        if sum.is_some() {
            let _ = writeln!(io.out, "updated {}", target.join(SUM_FILE).display());
        }
    }
    Ok(())
}
