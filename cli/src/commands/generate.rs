//! `migrator generate`: plan every dialect first, then write; with several dialects, one
//! directory per dialect under the migrations directory.

use super::plan;
use crate::request::{GenerateRequest, Project};
use crate::{writer, Failure};
use std::io::Write;

/// Plans the files of every requested dialect, then writes them; nothing is written when
/// any dialect fails.
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
    let mut planned = Vec::new();
    for d in &chosen {
        let target = if several {
            r.dir.join(d.name())
        } else {
            r.dir.clone()
        };
        let files = plan(project, d.as_ref(), r, &target, out, err)?;
        planned.push((target, files));
    }
    for (target, files) in planned {
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
        for p in writer::write_new(&target, &planned.files)? {
            let _ = writeln!(out, "wrote {}", p.display());
        }
    }
    Ok(())
}
