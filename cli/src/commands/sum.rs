//! `migrator sum --rehash`: rewrites `migrator.sum` from the files as they are, under the
//! directory's lock and through the writer, like the files `generate` writes.

use crate::edge::Console;
use crate::request::Project;
use crate::writer::DirLock;
use crate::Failure;
use migrator_core::workflow::integrity;
use std::io::Write;
use std::path::Path;

/// Replaces the sum file of `dir`.
pub fn rehash(
    project: &Project,
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    // Checked before locking, which would create the directory's parent.
    if !dir.is_dir() {
        return Err(format!("{}: no such migrations directory", dir.display()).into());
    }
    let lock = DirLock::acquire(dir, err)?;
    let sum = integrity::rehash(dir, project.format, &mut Console { out, err })
        .map_err(Failure::workflow)?;
    lock.write_new(&[], Some(&sum))?;
    let _ = writeln!(out, "wrote {}", dir.join(&sum.name).display());
    Ok(())
}
