//! `migrator generate`: plan every dialect first, then write; with several dialects, one
//! directory per dialect under the migrations directory.

use super::plan;
use crate::request::{GenerateRequest, Project};
use crate::writer::DirLock;
use crate::Failure;
use std::io::Write;
use std::path::PathBuf;

/// Locks every target directory, plans the files of every requested dialect, then writes
/// them; nothing is written when any dialect fails.
pub fn run(
    project: &Project,
    r: &GenerateRequest,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
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
        locks.push((i, DirLock::acquire(&targets[i], err)?));
    }
    locks.sort_by_key(|(i, _)| *i);
    let mut planned = Vec::new();
    for (d, target) in chosen.iter().zip(&targets) {
        planned.push(plan(project, d.as_ref(), r, target, out, err)?);
    }
    for ((files, target), (_, lock)) in planned.into_iter().zip(&targets).zip(&locks) {
        let Some(planned) = files else {
            let _ = writeln!(
                out,
                "no changes{}",
                if several {
                    format!(" in {}", target.display())
                } else {
                    String::new()
                }
            );
            continue;
        };
        for p in lock.write_new(&planned.files)? {
            let _ = writeln!(out, "wrote {}", p.display());
        }
    }
    Ok(())
}
