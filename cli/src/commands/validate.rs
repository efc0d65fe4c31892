//! `migrator validate`: the validate workflow on the first requested dialect; the problems
//! on stdout, and exit code 1 when there is one.

use crate::edge::Console;
use crate::request::{Project, ValidateRequest};
use crate::Failure;
use migrator_core::workflow::validate::{validate, Validate};

/// Checks the migrations directory and prints every problem.
pub fn run(project: &Project, r: &ValidateRequest, io: &mut Console) -> Result<(), Failure> {
    let dialect = project.dialects.get(&r.dialect)?;
    let v = Validate {
        dialect: dialect.as_ref(),
        dir: &r.dir,
        format: project.format,
        filter: &r.filter,
    };
    let problems = validate(&v, io).map_err(Failure::workflow)?;
    if problems.is_empty() {
        let _ = writeln!(io.out, "ok: {} is sound", r.dir.display());
        return Ok(());
    }
    for p in &problems {
        let _ = writeln!(io.out, "{p}");
    }
    Err(Failure {
        message: format!(
            "{} problem{} in {}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            r.dir.display()
        ),
        code: 1,
    })
}
